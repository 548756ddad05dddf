// SPDX-License-Identifier: MIT
/*
 * Cell "inmate-demo" on the emulated board (QEMU virt): the bare-metal
 * demos of inmates/ (uart-demo, gic-demo, hostile) on CPU 3.
 *
 * Guest view:
 *   0x00000000  1 MiB RAM (phys 0xfff00000, top of the inmate RAM), the
 *               image is loaded here, command line at 0x1000
 *   0x09000000  PL011, shared with the hypervisor's debug output
 *   0x80000000  communication region
 * The cell owns no SPI: the demos use the virtual timer (PPI 27) only.
 *
 * A variant of this cell may define the three INMATE_DEMO_* names below and
 * include this file (see qemu-arm64-inmate-demo-commreg.c).
 */
#include <jailhouse/types.h>
#include <jailhouse/cell-config.h>

#ifndef INMATE_DEMO_NAME
#define INMATE_DEMO_NAME		"inmate-demo"
/* never asked before being stopped: the demos need not answer */
#define INMATE_DEMO_FLAGS		JAILHOUSE_CELL_PASSIVE_COMMREG
#define INMATE_DEMO_REPLY_TIMEOUT	0
#endif

struct {
	struct jailhouse_cell_desc cell;
	__u64 cpus[1];
	struct jailhouse_memory mem_regions[3];
} __attribute__((packed)) config = {
	.cell = {
		.signature = JAILHOUSE_CELL_DESC_SIGNATURE,
		.architecture = JAILHOUSE_ARM64,
		.revision = JAILHOUSE_CONFIG_REVISION,
		.name = INMATE_DEMO_NAME,
		.flags = INMATE_DEMO_FLAGS,
		.msg_reply_timeout = INMATE_DEMO_REPLY_TIMEOUT,

		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),

		.console = {
			.address = 0x09000000,
			.size = 0x1000,
			.type = JAILHOUSE_CON_TYPE_PL011,
			.flags = JAILHOUSE_CON_ACCESS_MMIO |
				 JAILHOUSE_CON_REGDIST_4,
		},
	},

	.cpus = {
		0x8,
	},

	.mem_regions = {
		/* UART (PL011) */ {
			.phys_start = 0x09000000,
			.virt_start = 0x09000000,
			.size = 0x1000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_IO,
		},
		/* RAM */ {
			.phys_start = 0xfff00000,
			.virt_start = 0,
			.size = 0x00100000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE | JAILHOUSE_MEM_LOADABLE,
		},
		/* communication region */ {
			.virt_start = 0x80000000,
			.size = 0x00001000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_COMM_REGION,
		},
	},
};
