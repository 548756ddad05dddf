/* SPDX-License-Identifier: MIT */
/*
 * The Linux demo cell of the TI AM62 boards (AM625-SK, AM62P5-SK), as in
 * the seed's "Linux inmate" section: a second Linux on CPUs 1-3 of the
 * board. A board's file defines, then includes this one:
 *   K3_NAME         cell name ("k3-am625-sk-linux-demo")
 *   K3_SHMEM        start of the ivshmem memory (demo, then ivshmem-net
 *                   at +0x100000), as in the root cell's config
 *   K3_RAM          inmate RAM (512 MiB, identity mapped; the last 64 KiB
 *                   hold linux-loader.bin at guest address 0)
 * Guest view:
 *   0x00000000  64 KiB for linux-loader.bin and its command line
 *   0x02810000  main_uart1 (8250, 48 MHz, SPI 179): the inmate's console
 *   0x76000000  virtual PCI host (ECAM, bus 0), BARs from 0x76100000:
 *               00:00.0 ivshmem demo (peer 2 of 3), 00:01.0 ivshmem-net
 *               (peer 1 of 2), INTx as SPIs 196 and 197 (INTIDs 228,
 *               229; free on the SoC, see the root cells)
 *   0x80000000  communication region
 *   K3_SHMEM    ivshmem demo: state table, R/W section, 3 outputs
 *   K3_RAM      RAM (device tree at +0, kernel at +0x200000, initramfs
 *               at +0x28d4000)
 * Device tree: dts/inmate-<board>.dts.
 */
#include <jailhouse/types.h>
#include <jailhouse/cell-config.h>

#include "ivshmem-demo-regions.h"

#define K3_SPI(n)	(32 + (n))
#define K3_BIT(intid)	(1u << (((intid) - 160) % 32))

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
		.name = K3_NAME,
		.flags = JAILHOUSE_CELL_PASSIVE_COMMREG |
			 JAILHOUSE_CELL_VIRTUAL_CONSOLE_PERMITTED,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_irqchips = ARRAY_SIZE(config.irqchips),
		.num_pci_devices = ARRAY_SIZE(config.pci_devices),
		/* SPIs 196-199, next to the root cell's 192-195 */
		.vpci_irq_base = 196,
		.console = {
			.address = 0x02810000,
			.size = 0x1000,
			.type = JAILHOUSE_CON_TYPE_8250,
			.flags = JAILHOUSE_CON_ACCESS_MMIO |
				 JAILHOUSE_CON_REGDIST_4,
			/* 48 MHz / (16 * 115200) */
			.divider = 0x1a,
		},
	},

	.cpus = {
		0xe,
	},

	.mem_regions = {
		/* ivshmem 00:00.0 (demo), this cell is peer 2 */
		IVSHMEM_DEMO_REGIONS(K3_SHMEM, 2),
		/* ivshmem 00:01.0 (ivshmem-net), this cell is peer 1 */
		JAILHOUSE_SHMEM_NET_REGIONS(K3_SHMEM + 0x100000, 1),
		/* main_uart1 */ {
			.phys_start = 0x02810000,
			.virt_start = 0x02810000,
			.size = 0x1000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_IO,
		},
		/* RAM: loader */ {
			.phys_start = K3_RAM + 0x1fff0000,
			.virt_start = 0,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE | JAILHOUSE_MEM_LOADABLE,
		},
		/* RAM: Linux */ {
			.phys_start = K3_RAM,
			.virt_start = K3_RAM,
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
		/* INTIDs 160-287: main_uart1, ivshmem INTx */ {
			.address = 0x01800000,
			.pin_base = 160,
			.pin_bitmap = {
				0,
				K3_BIT(K3_SPI(179)),
				K3_BIT(K3_SPI(196)) | K3_BIT(K3_SPI(197)),
				0,
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
