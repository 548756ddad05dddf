/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct jailhouse_header (include/jailhouse/header.h) at offset 0 of
 * jailhouse.bin. The sizes and offsets are absolute linker symbols, so
 * they need no relocation.
 */
	.section .header, "a"
	.global hv_header
hv_header:
	.ascii	"JHVISOR\0"
	.word	1				/* version */
	.word	8				/* max_cpus */
	.quad	__hv_image_size
	.quad	__hv_core_size
	.quad	__hv_entry_offset
	.quad	__hv_rela_start
	.quad	__hv_rela_end
	.quad	__hv_console_offset
hv_version_start:
	.ascii	JH_VERSION_STRING
	.fill	32 - (. - hv_version_start), 1, 0
	.quad	0				/* phys_base */
	.quad	0				/* config_offset */
	.quad	0				/* config_size */
	.word	0				/* online_cpus */
	.word	0
