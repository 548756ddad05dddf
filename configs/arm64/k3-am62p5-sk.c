// SPDX-License-Identifier: MIT
/*
 * Root cell of the AM62P5-SK (AM62Px), as in the seed's "Root-cell
 * configuration": 4 Cortex-A53, GICv3 at 0x01800000/0x01880000, debug
 * console main_uart0 (8250, register distance 4). Reserved memory from
 * 0x9dfa00000: ivshmem demo, ivshmem-net, hypervisor (4 MiB), inmate RAM.
 *
 * Device regions: every window of a node TI's AM62P device trees enable
 * on the SK, rounded to pages, from the table of facts (with its sources)
 * in tests/unit/board/k3-am62p5-sk-facts.dts, which board_ready.c checks
 * this list against: Debian's Linux 6.1 has no AM62P device tree. Left
 * out: main_uart1 and sdhci0, which the seed's "Hardware Modules
 * Reservation" hands to the inmates (disabled in the root's device tree),
 * wkup_uart0 and the MCU GPIOs, reserved for TI's firmware, and the GIC,
 * which the hypervisor emulates.
 *
 * Different from the seed's excerpt: its regions 0x01810000+0x70000 and
 * 0x018a0000+0x60000 are left out. The first holds the GIC's ITS
 * (0x01820000), the second the redistributors of CPUs 1-3 (GICR
 * 0x01880000, 128 KiB per CPU): a root cell with direct access to them
 * could reprogram the interrupts of the CPUs it hands to an inmate, and
 * the validator refuses any region over the GIC.
 *
 * Virtual PCI INTx: SPIs 192-195 (the inmate's 196-199), as on the
 * AM625-SK; no node of the facts table uses them (the seed's INTIDs
 * 191-194, SPIs 159-162, included main_i2c0/1, SPIs 161-162).
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
	struct jailhouse_memory mem_regions[59];
	struct jailhouse_irqchip irqchips[5];
	struct jailhouse_pci_device pci_devices[2];
} __attribute__((packed)) config = {
	.header = {
		.signature = JAILHOUSE_SYSTEM_SIGNATURE,
		.architecture = JAILHOUSE_ARM64,
		.revision = JAILHOUSE_CONFIG_REVISION,
		.flags = JAILHOUSE_SYS_VIRTUAL_DEBUG_CONSOLE,
		.hypervisor_memory = {
			.phys_start = 0x9dfc00000,
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
			.name = "k3-am62p5-sk",
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
			.phys_start = 0x9dfa00000,
			.virt_start = 0x9dfa00000,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ,
		},
		{
			.phys_start = 0x9dfa10000,
			.virt_start = 0x9dfa10000,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* Peer 0 */ {
			.phys_start = 0x9dfa20000,
			.virt_start = 0x9dfa20000,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE,
		},
		/* Peer 1 */ {
			.phys_start = 0x9dfa30000,
			.virt_start = 0x9dfa30000,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ,
		},
		/* Peer 2 */ {
			.phys_start = 0x9dfa40000,
			.virt_start = 0x9dfa40000,
			.size = 0x10000,
			.flags = JAILHOUSE_MEM_READ,
		},
		/* IVSHMEM shared memory region for 00:01.0 */
		JAILHOUSE_SHMEM_NET_REGIONS(0x9dfb00000, 0),
		/* main: pinctrl */
		K3_MMIO(0x000f4000, 0x1000),
		/* main: ctrl-mmr (gmii-sel, epwm tbclk) */
		K3_MMIO(0x00100000, 0x20000),
		/* main: ESM */
		K3_MMIO(0x00420000, 0x1000),
		/* main: gpio0, gpio1 */
		K3_MMIO(0x00600000, 0x2000),
		/* main: gpio interrupt router */
		K3_MMIO(0x00a00000, 0x1000),
		/* wkup: VTM temperature sensor */
		K3_MMIO(0x00b00000, 0x2000),
		/* main: timer0-7 */
		K3_MMIO(0x02400000, 0x80000),
		/* main_uart0: root's console */
		K3_MMIO(0x02800000, 0x1000),
		/* mcasp1 (audio) */
		K3_MMIO(0x02b10000, 0x10000),
		/* mcu: pinctrl */
		K3_MMIO(0x04084000, 0x1000),
		/* mcu: ESM */
		K3_MMIO(0x04100000, 0x1000),
		/* CPSW3G ethernet, MDIO, CPTS */
		K3_MMIO(0x08000000, 0x200000),
		/* main: RTI watchdogs 0-3, 15 */
		K3_MMIO(0x0e000000, 0x40000),
		K3_MMIO(0x0e0f0000, 0x1000),
		/* sdhci1: SD card (root file system), host and PHY */
		K3_MMIO(0x0fa00000, 0x10000),
		/* FSS: OSPI controller */
		K3_MMIO(0x0fc00000, 0x70000),
		/* main_i2c1, main_i2c2 */
		K3_MMIO(0x20010000, 0x1000),
		K3_MMIO(0x20020000, 0x1000),
		/* mailbox0 clusters 0-3 */
		K3_MMIO(0x29000000, 0x40000),
		/* hwspinlock */
		K3_MMIO(0x2a000000, 0x1000),
		/* wkup: RTC */
		K3_MMIO(0x2b1f0000, 0x1000),
		/* video codec */
		K3_MMIO(0x30210000, 0x10000),
		/* sa3ul crypto */
		K3_MMIO(0x40900000, 0x2000),
		/* wkup: ctrl-mmr (chipid, efuses, USB PHY control) */
		K3_MMIO(0x43000000, 0x20000),
		/* TI-SCI (dmsc) debug messages */
		K3_MMIO(0x44043000, 0x1000),
		/* DMSS: interrupt aggregator */
		K3_MMIO(0x48000000, 0x100000),
		/* DMSS: bcdma bchan, pktdma rflow */
		K3_MMIO(0x48420000, 0x2000),
		K3_MMIO(0x48430000, 0x1000),
		/* DMSS: pktdma and bcdma tchan, rchan */
		K3_MMIO(0x484a0000, 0x2000),
		K3_MMIO(0x484a4000, 0x2000),
		K3_MMIO(0x484c0000, 0x4000),
		/* DMSS: bcdma and pktdma global config */
		K3_MMIO(0x485c0000, 0x1000),
		/* DMSS: pktdma ring, bcdma ring */
		K3_MMIO(0x485e0000, 0x10000),
		K3_MMIO(0x48600000, 0x8000),
		/* DMSS: secure proxy scfg, rt (TI-SCI mailboxes) */
		K3_MMIO(0x4a400000, 0x80000),
		K3_MMIO(0x4a600000, 0x80000),
		/* DMSS: rchanrt, tchanrt, ringrt, bchanrt */
		K3_MMIO(0x4a800000, 0x40000),
		K3_MMIO(0x4aa00000, 0x60000),
		K3_MMIO(0x4b800000, 0x500000),
		K3_MMIO(0x4c000000, 0x20000),
		/* DMSS: secure proxy target data (TI-SCI mailboxes) */
		K3_MMIO(0x4d000000, 0x80000),
		/* DMSS CSI: bcdma ringrt, rchanrt, gcfg; interrupt aggr. */
		K3_MMIO(0x4e100000, 0x10000),
		K3_MMIO(0x4e180000, 0x8000),
		K3_MMIO(0x4e230000, 0x1000),
		K3_MMIO(0x4e400000, 0x8000),
		/* on-chip SRAM */
		K3_MMIO(0x70000000, 0x10000),
		/* OSPI flash data window */
		K3_MMIO(0x500000000, 0x100000000),
		/* RAM */ {
			.phys_start = 0x80000000,
			.virt_start = 0x80000000,
			.size = 0x80000000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE,
		},
		/* RAM */ {
			.phys_start = 0x880000000,
			.virt_start = 0x880000000,
			.size = 0x15fa00000,
			.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_WRITE |
				JAILHOUSE_MEM_EXECUTE,
		},
		/* RAM. Reserved for inmates */ {
			.phys_start = 0x9e0000000,
			.virt_start = 0x9e0000000,
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
