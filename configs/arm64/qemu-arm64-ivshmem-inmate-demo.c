// SPDX-License-Identifier: MIT
/*
 * Cell "ivshmem-demo" on the emulated board: the bare-metal ivshmem-demo
 * of inmates/ on CPU 3, as peer 1 of the root cell's ivshmem demo device
 * 00:00.0 (3 peers, shared memory at 0xdfa00000; the Linux demo cell is
 * peer 2).
 *
 * Guest view:
 *   0x00000000  1 MiB RAM (phys 0xfff00000), image and command line
 *   0x09000000  PL011, shared with the hypervisor's debug output
 *   0x10000000  where the inmate places the ivshmem BAR0 (emulated)
 *   0x80000000  communication region
 *   0xdfa00000  ivshmem state table, R/W section, 3 output sections
 * The device's INTx pin 1 arrives as SPI 32 + 108 = 140.
 */
#include <jailhouse/types.h>
#include <jailhouse/cell-config.h>

#include "ivshmem-demo-regions.h"

struct {
	struct jailhouse_cell_desc cell;
	__u64 cpus[1];
	struct jailhouse_memory mem_regions[8];
	struct jailhouse_irqchip irqchips[1];
	struct jailhouse_pci_device pci_devices[1];
} __attribute__((packed)) config = {
	.cell = {
		.signature = JAILHOUSE_CELL_DESC_SIGNATURE,
		.architecture = JAILHOUSE_ARM64,
		.revision = JAILHOUSE_CONFIG_REVISION,
		.name = "ivshmem-demo",
		.flags = JAILHOUSE_CELL_PASSIVE_COMMREG,

		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_irqchips = ARRAY_SIZE(config.irqchips),
		.num_pci_devices = ARRAY_SIZE(config.pci_devices),

		.vpci_irq_base = 140 - 32,

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
		/* ivshmem 00:00.0 (demo), this cell is peer 1 */
		IVSHMEM_DEMO_REGIONS(0xdfa00000, 1),
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

	.irqchips = {
		/* GICv3 distributor: SPI 140 (ivshmem INTx) */ {
			.address = 0x08000000,
			.pin_base = 32,
			.pin_bitmap = {
				0, 0, 0, 1 << (140 - 128),
			},
		},
	},

	.pci_devices = {
		/* 00:00.0: ivshmem demo, peer 1 of 3 */ {
			.type = JAILHOUSE_PCI_TYPE_IVSHMEM,
			.domain = 0,
			.bdf = 0 << 3,
			.bar_mask = JAILHOUSE_IVSHMEM_BAR_MASK_INTX,
			.shmem_regions_start = 0,
			.shmem_dev_id = 1,
			.shmem_peers = 3,
			.shmem_protocol = JAILHOUSE_SHMEM_PROTO_UNDEFINED,
		},
	},
};
