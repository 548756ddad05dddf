// SPDX-License-Identifier: MIT
/*
 * Cell "qemu-arm64-linux-demo": a second Linux on CPUs 1-3 of the emulated
 * board, as in the seed's Linux demo. Guest view:
 *   0x00000000  64 KiB for linux-loader.bin and its command line
 *   0x08e00000  virtual PCI host (ECAM, bus 0), BARs at 0x10000000:
 *               00:00.0 ivshmem demo (peer 2 of 3), 00:01.0 ivshmem-net
 *               (peer 1 of 2), INTx as SPIs 140 and 141
 *   0x09000000  PL011 (the secondary terminal), SPI 1
 *   0x80000000  communication region
 *   0xdfa00000  ivshmem demo: state table, R/W section, 3 outputs
 *   0xdfb00000  ivshmem-net: state table, 2 outputs
 *   0xe0000000  RAM (device tree at 0xe0000000, kernel at 0xe0200000,
 *               initramfs at 0xe28d4000), identity mapped
 * Device tree: dts/inmate-qemu-arm64.dts.
 */
#include <jailhouse/types.h>
#include <jailhouse/cell-config.h>

#include "ivshmem-demo-regions.h"

struct {
	struct jailhouse_cell_desc cell;
	__u64 cpus[1];
	struct jailhouse_memory mem_regions[13];
	struct jailhouse_irqchip irqchips[1];
	struct jailhouse_pci_device pci_devices[2];
} __attribute__((packed)) config = {
	.cell = {
		.signature = JAILHOUSE_CELL_DESC_SIGNATURE,
		.architecture = JAILHOUSE_ARM64,
		.revision = JAILHOUSE_CONFIG_REVISION,
		.name = "qemu-arm64-linux-demo",
		.flags = JAILHOUSE_CELL_PASSIVE_COMMREG |
			 JAILHOUSE_CELL_VIRTUAL_CONSOLE_PERMITTED,
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
		0xe,
	},

	.mem_regions = {
		/* ivshmem 00:00.0 (demo), this cell is peer 2 */
		IVSHMEM_DEMO_REGIONS(0xdfa00000, 2),
		/* ivshmem 00:01.0 (ivshmem-net), this cell is peer 1 */
		JAILHOUSE_SHMEM_NET_REGIONS(0xdfb00000, 1),
		/* UART (PL011) */ {
			.phys_start = 0x09000000,
			.virt_start = 0x09000000,
			.size = 0x1000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_IO,
		},
		/* RAM: loader */ {
			.phys_start = 0xffff0000,
			.virt_start = 0,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE | JAILHOUSE_MEM_LOADABLE,
		},
		/* RAM: Linux */ {
			.phys_start = 0xe0000000,
			.virt_start = 0xe0000000,
			.size = 0x1fff0000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE | JAILHOUSE_MEM_DMA |
				JAILHOUSE_MEM_LOADABLE,
		},
		/* communication region */ {
			.virt_start = 0x80000000,
			.size = 0x00001000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_COMM_REGION,
		},
	},

	.irqchips = {
		/* SPI 1 (INTID 33): the PL011; 140, 141: ivshmem INTx */ {
			.address = 0x08000000,
			.pin_base = 32,
			.pin_bitmap = {
				1 << (33 - 32), 0, 0,
				(1 << (140 - 128)) | (1 << (141 - 128)),
			},
		},
	},

	.pci_devices = {
		/* 00:00.0: ivshmem demo, peer 2 of 3 */ {
			.type = JAILHOUSE_PCI_TYPE_IVSHMEM,
			.domain = 0,
			.bdf = 0 << 3,
			.bar_mask = JAILHOUSE_IVSHMEM_BAR_MASK_INTX,
			.shmem_regions_start = 0,
			.shmem_dev_id = 2,
			.shmem_peers = 3,
			.shmem_protocol = JAILHOUSE_SHMEM_PROTO_UNDEFINED,
		},
		/* 00:01.0: ivshmem-net, peer 1 of 2 */ {
			.type = JAILHOUSE_PCI_TYPE_IVSHMEM,
			.domain = 0,
			.bdf = 1 << 3,
			.bar_mask = JAILHOUSE_IVSHMEM_BAR_MASK_INTX,
			.shmem_regions_start = 5,
			.shmem_dev_id = 1,
			.shmem_peers = 2,
			.shmem_protocol = JAILHOUSE_SHMEM_PROTO_VETH,
		},
	},
};
