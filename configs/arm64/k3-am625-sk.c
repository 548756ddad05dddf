// SPDX-License-Identifier: MIT
/*
 * Root cell of the AM625-SK (AM62x), as in the seed's "Root-cell
 * configuration": 4 Cortex-A53, GICv3 at 0x01800000/0x01880000, debug
 * console main_uart0 (8250, register distance 4). Reserved memory from
 * 0xdfa00000: ivshmem demo, ivshmem-net, hypervisor (4 MiB), inmate RAM.
 *
 * Device regions: every window the root's Linux uses, i.e. each enabled
 * node of Debian's ti/k3-am625-sk.dtb (Linux 6.1, the kernel our driver
 * is built for) rounded to pages, but main_uart1 and sdhci0 (the seed's
 * "Hardware Modules Reservation" hands them to the inmates; the root
 * boots k3-am625-sk-jailhouse.dtb, which disables them) and the GIC,
 * which the hypervisor emulates. tests/unit/board/board_ready.c checks
 * this list against the dtb on every `make test`.
 *
 * Different from the seed's excerpt: its regions 0x01810000+0x70000 and
 * 0x018a0000+0x60000 are left out. The first holds the GIC's ITS
 * (0x01820000), the second the redistributors of CPUs 1-3 (GICR
 * 0x01880000, 128 KiB per CPU): a root cell with direct access to them
 * could reprogram the interrupts of the CPUs it hands to an inmate, and
 * the validator refuses any region over the GIC.
 *
 * Virtual PCI INTx: SPIs 192-195 (the inmate's 196-199), which no node of
 * TI's AM62x and AM62P device trees uses (Debian's dtb; k3-am62-main.dtsi,
 * k3-am62-mcu.dtsi and the AM62P files of k3-am62p5-sk-facts.dts in Linux
 * mainline; not checked against the TRM's interrupt map); the seed's
 * INTIDs 191-194 (SPIs 159-162) included main_i2c0/1 (SPIs 161-162).
 * We cannot run this board here: see configs/arm64/README.md for what was
 * checked without it.
 */
#include <jailhouse/types.h>
#include <jailhouse/cell-config.h>

/* A device window of the root cell, identity mapped. */
#define K3_MMIO(start, len) {						\
		.phys_start = (start),					\
		.virt_start = (start),					\
		.size = (len),						\
		.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |	\
			 JAILHOUSE_MEM_IO,				\
	}

struct {
	struct jailhouse_system header;
	__u64 cpus[1];
	struct jailhouse_memory mem_regions[40];
	struct jailhouse_irqchip irqchips[5];
	struct jailhouse_pci_device pci_devices[2];
} __attribute__((packed)) config = {
	.header = {
		.signature = JAILHOUSE_SYSTEM_SIGNATURE,
		.architecture = JAILHOUSE_ARM64,
		.revision = JAILHOUSE_CONFIG_REVISION,
		.flags = JAILHOUSE_SYS_VIRTUAL_DEBUG_CONSOLE,
		.hypervisor_memory = {
			.phys_start = 0xdfc00000,
			.size = 0x400000,
		},
		.debug_console = {
			.address = 0x02800000,
			.size = 0x1000,
			.type = JAILHOUSE_CON_TYPE_8250,
			.flags = JAILHOUSE_CON_ACCESS_MMIO |
				 JAILHOUSE_CON_REGDIST_4,
		},
		.platform_info = {
			.pci_mmconfig_base = 0x76000000,
			.pci_mmconfig_end_bus = 0,
			.pci_is_virtual = 1,
			.pci_domain = 1,
			.arm = {
				.gic_version = 3,
				.gicd_base = 0x01800000,
				.gicr_base = 0x01880000,
				.maintenance_irq = 25,
			},
		},
		.root_cell = {
			.name = "k3-am625-sk",
			.cpu_set_size = sizeof(config.cpus),
			.num_memory_regions = ARRAY_SIZE(config.mem_regions),
			.num_irqchips = ARRAY_SIZE(config.irqchips),
			.num_pci_devices = ARRAY_SIZE(config.pci_devices),
			.vpci_irq_base = 192,
		},
	},

	.cpus = {
		0xf,
	},

	.mem_regions = {
		/* IVSHMEM shared memory regions for 00:00.0 (demo) */
		{
			.phys_start = 0xdfa00000,
			.virt_start = 0xdfa00000,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ,
		},
		{
			.phys_start = 0xdfa10000,
			.virt_start = 0xdfa10000,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* Peer 0 */ {
			.phys_start = 0xdfa20000,
			.virt_start = 0xdfa20000,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* Peer 1 */ {
			.phys_start = 0xdfa30000,
			.virt_start = 0xdfa30000,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ,
		},
		/* Peer 2 */ {
			.phys_start = 0xdfa40000,
			.virt_start = 0xdfa40000,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ,
		},
		/* IVSHMEM shared memory region for 00:01.0 */
		JAILHOUSE_SHMEM_NET_REGIONS(0xdfb00000, 0),
		/* main: pinctrl */
		K3_MMIO(0x000f4000, 0x1000),
		/* main: ctrl-mmr (syscon: gmii-sel, epwm tbclk) */
		K3_MMIO(0x00100000, 0x20000),
		/* main: gpio0, gpio1 */
		K3_MMIO(0x00600000, 0x2000),
		/* main_uart0: root's console */
		K3_MMIO(0x02800000, 0x1000),
		/* mcu: pinctrl */
		K3_MMIO(0x04084000, 0x1000),
		/* mcu: gpio0 */
		K3_MMIO(0x04201000, 0x1000),
		/* mcu: gpio interrupt router */
		K3_MMIO(0x04210000, 0x1000),
		/* CPSW3G ethernet, MDIO, CPTS */
		K3_MMIO(0x08000000, 0x200000),
		/* sdhci1: SD card (root file system), host and PHY */
		K3_MMIO(0x0fa00000, 0x10000),
		/* sdhci2 (Wi-Fi), host and PHY */
		K3_MMIO(0x0fa20000, 0x10000),
		/* FSS: OSPI controller */
		K3_MMIO(0x0fc00000, 0x70000),
		/* main_i2c0, main_i2c1 */
		K3_MMIO(0x20000000, 0x1000),
		K3_MMIO(0x20010000, 0x1000),
		/* mailbox0 cluster0 */
		K3_MMIO(0x29000000, 0x1000),
		/* hwspinlock */
		K3_MMIO(0x2a000000, 0x1000),
		/* sa3ul crypto */
		K3_MMIO(0x40900000, 0x2000),
		/* wkup: ctrl-mmr (syscon, chipid) */
		K3_MMIO(0x43000000, 0x20000),
		/* TI-SCI (dmsc) debug messages */
		K3_MMIO(0x44043000, 0x1000),
		/* DMSS: interrupt aggregator */
		K3_MMIO(0x48000000, 0x100000),
		/* DMSS: bcdma and pktdma global config */
		K3_MMIO(0x485c0000, 0x1000),
		/* DMSS: secure proxy scfg, rt (TI-SCI mailboxes) */
		K3_MMIO(0x4a400000, 0x80000),
		K3_MMIO(0x4a600000, 0x80000),
		/* DMSS: pktdma and bcdma rchanrt, tchanrt, ringrt, bchanrt */
		K3_MMIO(0x4a800000, 0x40000),
		K3_MMIO(0x4aa00000, 0x60000),
		K3_MMIO(0x4b800000, 0x500000),
		K3_MMIO(0x4c000000, 0x20000),
		/* DMSS: secure proxy target data (TI-SCI mailboxes) */
		K3_MMIO(0x4d000000, 0x80000),
		/* on-chip SRAM */
		K3_MMIO(0x70000000, 0x10000),
		/* OSPI flash data window */
		K3_MMIO(0x500000000, 0x100000000),
		/* RAM */ {
			.phys_start = 0x80000000,
			.virt_start = 0x80000000,
			.size = 0x5fa00000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE,
		},
		/* RAM. Reserved for inmates */ {
			.phys_start = 0xe0000000,
			.virt_start = 0xe0000000,
			.size = 0x20000000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE,
		},
	},

	.irqchips = {
		{
			.address = 0x01800000,
			.pin_base = 32,
			.pin_bitmap = {
				0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
			},
		},
		{
			.address = 0x01800000,
			.pin_base = 160,
			.pin_bitmap = {
				0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
			},
		},
		{
			.address = 0x01800000,
			.pin_base = 288,
			.pin_bitmap = {
				0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
			},
		},
		{
			.address = 0x01800000,
			.pin_base = 416,
			.pin_bitmap = {
				0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
			},
		},
		{
			.address = 0x01800000,
			.pin_base = 544,
			.pin_bitmap = {
				0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
			},
		},
	},

	.pci_devices = {
		/* 00:00.0: ivshmem demo, 3 peers, root is peer 0 */ {
			.type = JAILHOUSE_PCI_TYPE_IVSHMEM,
			.domain = 1,
			.bdf = 0 << 3,
			.bar_mask = JAILHOUSE_IVSHMEM_BAR_MASK_INTX,
			.shmem_regions_start = 0,
			.shmem_dev_id = 0,
			.shmem_peers = 3,
			.shmem_protocol = JAILHOUSE_SHMEM_PROTO_UNDEFINED,
		},
		/* 00:01.0: ivshmem-net, 2 peers, root is peer 0 */ {
			.type = JAILHOUSE_PCI_TYPE_IVSHMEM,
			.domain = 1,
			.bdf = 1 << 3,
			.bar_mask = JAILHOUSE_IVSHMEM_BAR_MASK_INTX,
			.shmem_regions_start = 5,
			.shmem_dev_id = 0,
			.shmem_peers = 2,
			.shmem_protocol = JAILHOUSE_SHMEM_PROTO_VETH,
		},
	},
};
