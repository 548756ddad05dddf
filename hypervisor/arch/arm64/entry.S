/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry from Linux (through the hyp stub's soft-restart call), the EL2
 * exception vectors, the return to the guest and the final return to Linux.
 * The image runs identity mapped: virtual address == physical address.
 */
#include <asm/trap.h>

#define PERCPU_SIZE	0x4000
#define MAX_CPUS	8

	.macro save_frame
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #FRAME_X30]
	mrs	x0, elr_el2
	mrs	x1, spsr_el2
	stp	x0, x1, [sp, #FRAME_ELR]
	.endm

	.macro load_gprs
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #FRAME_X30]
	ldp	x0, x1, [sp, #0]
	.endm

	.section .text.entry, "ax"
/*
 * Called by Linux's hyp stub (HVC_SOFT_RESTART) at EL2, MMU off:
 * x0 = logical CPU id, x1 = physical base (unused). ELR/SPSR_EL2 hold
 * the return to the EL1 caller, whose other registers are still live.
 */
	.global arch_entry
arch_entry:
	cmp	x0, #MAX_CPUS
	b.hs	bad_cpu
	adrp	x9, percpu_areas
	add	x9, x9, :lo12:percpu_areas
	mov	x10, #PERCPU_SIZE
	madd	x9, x0, x10, x9
	add	x10, x9, x10
	mov	sp, x10
	sub	sp, sp, #FRAME_SIZE
	save_frame
	msr	tpidr_el2, x9
	mov	x0, sp
	bl	arch_boot
	b	guest_return

bad_cpu:
	mov	x0, #-22
	eret

/*
 * el2_leave(frame, vbar, sctlr): return to Linux at EL1 with the frame's
 * registers, the given (hyp stub) vectors and EL2 MMU off.
 */
	.global el2_leave
el2_leave:
	mov	sp, x0
	msr	vbar_el2, x1
	ldp	x3, x4, [sp, #FRAME_ELR]
	msr	elr_el2, x3
	msr	spsr_el2, x4
	/* the frame must be in memory before the MMU goes off */
	bic	x3, x0, #63
	add	x4, x0, #FRAME_SIZE
1:	dc	civac, x3
	add	x3, x3, #64
	cmp	x3, x4
	b.lo	1b
	dsb	sy
	msr	sctlr_el2, x2
	isb
	tlbi	alle2
	dsb	sy
	isb
	load_gprs
	eret

	.text
guest_return:
	ldp	x0, x1, [sp, #FRAME_ELR]
	msr	elr_el2, x0
	msr	spsr_el2, x1
	load_gprs
	add	sp, sp, #FRAME_SIZE
	eret

	.macro guest_exit type
	sub	sp, sp, #FRAME_SIZE
	save_frame
	mov	x0, sp
	mov	x1, #\type
	bl	arch_handle_exit
	b	guest_return
	.endm

	.macro hv_fault type
	sub	sp, sp, #FRAME_SIZE
	save_frame
	mov	x0, sp
	mov	x1, #\type
	bl	arch_hv_fault
	.endm

exit_sync:	guest_exit EXIT_SYNC
exit_irq:	guest_exit EXIT_IRQ
exit_fiq:	guest_exit EXIT_FIQ
exit_serror:	guest_exit EXIT_SERROR
exit_aarch32:	guest_exit EXIT_AARCH32
hv_sync:	hv_fault 0
hv_other:	hv_fault 1

	.macro ventry target
	.align	7
	b	\target
	.endm

	.align	11
	.global hyp_vectors
hyp_vectors:
	ventry	hv_sync		/* current EL, SP0 */
	ventry	hv_other
	ventry	hv_other
	ventry	hv_other
	ventry	hv_sync		/* current EL, SPx */
	ventry	hv_other
	ventry	hv_other
	ventry	hv_other
	ventry	exit_sync	/* lower EL, AArch64 */
	ventry	exit_irq
	ventry	exit_fiq
	ventry	exit_serror
	ventry	exit_aarch32	/* lower EL, AArch32 */
	ventry	exit_aarch32
	ventry	exit_aarch32
	ventry	exit_aarch32

/*
 * fpsimd_zero: clear V0-V31, FPCR and FPSR (a CPU leaving its cell keeps
 * nothing of the cell's floating point state). CPTR_EL2.TFP must be 0.
 */
	.arch_extension fp
	.arch_extension simd
	.text
	.global fpsimd_zero
fpsimd_zero:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
		16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	movi	v\n\().2d, #0
	.endr
	msr	fpcr, xzr
	msr	fpsr, xzr
	ret
