/* SPDX-License-Identifier: MIT */
/*
 * Linker script for inmates. LOAD_ADDR is the guest-physical address the
 * image runs at: 0 in a cell, 0x40000000 for direct QEMU boots in tests.
 */
#include <asm-defs.h>

#define STACK_SIZE	0x4000

ENTRY(__start)

SECTIONS
{
	. = LOAD_ADDR;
	.boot : { *(.boot) }

	. = LOAD_ADDR + 0x800;
	.vectors : { *(.vectors) }

	. = LOAD_ADDR + CMDLINE_OFFSET;
	.cmdline : { *(.cmdline) }

	. = LOAD_ADDR + CMDLINE_OFFSET + CMDLINE_SIZE;
	.text : { *(.text) *(.text.*) }

	. = ALIGN(16);
	.rodata : { *(.rodata) *(.rodata.*) }

	. = ALIGN(16);
	.data : { *(.data) *(.data.*) }

	. = ALIGN(16);
	.bss (NOLOAD) : {
		__bss_start = .;
		*(.bss) *(.bss.*) *(COMMON)
		. = ALIGN(16);
		__bss_end = .;
	}

	. = ALIGN(16);
	.stack (NOLOAD) : {
		. += STACK_SIZE;
		__stack_top = .;
	}
	__image_end = .;

	/DISCARD/ : {
		*(.comment) *(.note) *(.note.*) *(.eh_frame) *(.eh_frame_hdr)
	}
}
