/* SPDX-License-Identifier: MIT */
/*
 * Inmate start-up for arm64.
 *
 * The image is entered at its first byte (guest address 0 in a cell) with
 * the MMU off, at EL1 under the hypervisor. When started at EL2 (a bare
 * QEMU with virtualization=on) the code below drops to EL1 first.
 *
 * Layout of the first 8 KiB of every inmate image:
 *   0x0000  entry code
 *   0x0800  EL1 exception vectors
 *   0x1000  command line buffer (filled by "jailhouse cell load -s ... -a
 *           0x1000"), NUL-terminated, CMDLINE_SIZE bytes
 *   0x2000  .text, .rodata, .data, .bss, stack
 */

#include <asm-defs.h>

	.section ".boot", "ax"
	.global __start
__start:
	msr	daifset, #0xf
	mrs	x0, CurrentEL
	lsr	x0, x0, #2
	cmp	x0, #2
	b.ne	el1_entry

	/* At EL2 without a hypervisor: hand EL1 the timer and GIC. */
	mov	x0, #HCR_EL2_RW
	msr	hcr_el2, x0
	mov	x0, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	mrs	x0, icc_sre_el2
	mov	x1, #(ICC_SRE_SRE | ICC_SRE_ENABLE)
	orr	x0, x0, x1
	msr	icc_sre_el2, x0
	isb
	mov	x0, #SPSR_EL1H_MASKED
	msr	spsr_el2, x0
	adr	x0, el1_entry
	msr	elr_el2, x0
	eret

el1_entry:
	msr	spsel, #1
	ldr	x0, =SCTLR_EL1_INMATE
	msr	sctlr_el1, x0
	isb
	ic	iallu
	dsb	nsh
	isb

	ldr	x0, =__stack_top
	mov	sp, x0
	adr	x0, vectors
	msr	vbar_el1, x0
	isb

	/* Zero .bss in 8-byte steps; the linker script aligns both ends. */
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:
	bl	inmate_entry
	b	inmate_halt
	.ltorg

/*
 * Exception vectors. Only "current EL with SP_EL1" IRQs are expected;
 * everything else is reported and stops the CPU.
 */
.macro	unexpected vector
	.balign	0x80
	mov	x1, #\vector
	b	exception_unexpected
.endm

	.section ".vectors", "ax"
	.balign	0x800
vectors:
	unexpected 0
	unexpected 1
	unexpected 2
	unexpected 3

	.balign	0x80		/* current EL, SP_ELx, synchronous */
	mov	x1, #4
	b	exception_unexpected
	.balign	0x80		/* current EL, SP_ELx, IRQ */
	b	irq_entry
	unexpected 6
	unexpected 7

	unexpected 8
	unexpected 9
	unexpected 10
	unexpected 11
	unexpected 12
	unexpected 13
	unexpected 14
	unexpected 15

	.section ".text"
exception_unexpected:
	mrs	x0, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	/* x1 = vector index */
	b	exception_report

irq_entry:
	sub	sp, sp, #(22 * 8)
	stp	x0, x1, [sp, #(0 * 8)]
	stp	x2, x3, [sp, #(2 * 8)]
	stp	x4, x5, [sp, #(4 * 8)]
	stp	x6, x7, [sp, #(6 * 8)]
	stp	x8, x9, [sp, #(8 * 8)]
	stp	x10, x11, [sp, #(10 * 8)]
	stp	x12, x13, [sp, #(12 * 8)]
	stp	x14, x15, [sp, #(14 * 8)]
	stp	x16, x17, [sp, #(16 * 8)]
	stp	x18, x29, [sp, #(18 * 8)]
	str	x30, [sp, #(20 * 8)]
	bl	gic_handle_irq
	ldp	x0, x1, [sp, #(0 * 8)]
	ldp	x2, x3, [sp, #(2 * 8)]
	ldp	x4, x5, [sp, #(4 * 8)]
	ldp	x6, x7, [sp, #(6 * 8)]
	ldp	x8, x9, [sp, #(8 * 8)]
	ldp	x10, x11, [sp, #(10 * 8)]
	ldp	x12, x13, [sp, #(12 * 8)]
	ldp	x14, x15, [sp, #(14 * 8)]
	ldp	x16, x17, [sp, #(16 * 8)]
	ldp	x18, x29, [sp, #(18 * 8)]
	ldr	x30, [sp, #(20 * 8)]
	add	sp, sp, #(22 * 8)
	eret

	.section ".cmdline", "aw"
	.global cmdline_buffer
cmdline_buffer:
	.fill	CMDLINE_SIZE, 1, 0
