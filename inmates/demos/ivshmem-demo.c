// SPDX-License-Identifier: MIT
/*
 * ivshmem-demo: a bare-metal peer of the ivshmem v2 device that the
 * hypervisor emulates on its virtual PCI host, speaking the same protocol
 * and printing the same lines as the Linux ivshmem-demo:
 *
 *   - state register := ID + 1, rw[ID] := 0, out[0] := 0 at start,
 *   - every second "Sending interrupt <vector> to peer <target>" and a
 *     doorbell to the target (default: next peer),
 *   - on each interrupt n: rw[ID] := n, out[0] := n * 10, "Interrupt #n",
 *     then a dump of the state table, the R/W section and the inputs.
 *
 * Command line: bdf=N (default: first ivshmem device), target=N,
 * vector=N (default 0), bar0=ADDRESS (where to place the register page,
 * default 0x10000000; must be unused in the cell's address space).
 */
#include <inmate.h>
#include <jailhouse/ivshmem.h>

/* Vendor capability (id 0x09); its fields in <jailhouse/ivshmem.h>. */
#define PCI_CAP_VENDOR		0x09

/* the seed's demo prints the input area at these steps */
#define SEED_SECTION		0x2000

/* Where this inmate places BAR0 in its guest-physical address space. */
#define DEFAULT_BAR0		0x10000000UL

struct ivshmem {
	u16 bdf;
	u64 regs;
	u32 id;
	u32 max_peers;
	u64 state_table;
	u64 rw;
	u64 rw_size;
	u64 out_size;
	u64 out;		/* this peer's output section */
	u64 inputs;		/* peer 0's output section */
	u32 irq;
	volatile u32 irq_count;
};

static struct ivshmem dev;

static u64 read_cfg64(u16 bdf, u16 addr)
{
	return pci_read_config(bdf, addr, 4) |
	       ((u64)pci_read_config(bdf, addr + 4, 4) << 32);
}

static int find_device(const char *cl)
{
	u64 bdf;
	int found;

	if (!platform.pci_mmconfig_base) {
		printk("ivshmem-demo: no virtual PCI host (pci_mmconfig_base is 0 in the communication region)\n");
		return -ENODEV;
	}
	if (cmdline_get_u64(cl, "bdf", &bdf) == 0) {
		found = pci_find_device(IVSHM_VENDOR_ID, IVSHM_DEVICE_ID, bdf);
		if (found != (int)bdf)
			found = -ENODEV;
	} else {
		found = pci_find_device(IVSHM_VENDOR_ID, IVSHM_DEVICE_ID, 0);
	}
	if (found < 0) {
		printk("ivshmem-demo: no ivshmem device (%04x:%04x) on the PCI host at 0x%lx\n",
		       IVSHM_VENDOR_ID, IVSHM_DEVICE_ID,
		       (unsigned long)platform.pci_mmconfig_base);
		return -ENODEV;
	}
	dev.bdf = found;
	return 0;
}

static int setup_device(const char *cl)
{
	u64 bar0 = cmdline_u64(cl, "bar0", DEFAULT_BAR0);
	u16 cap = pci_find_cap(dev.bdf, PCI_CAP_VENDOR);
	u32 state_size;
	u8 pin;

	if (!cap) {
		printk("ivshmem-demo: device %02x:%02x.%x has no vendor capability\n",
		       dev.bdf >> 8, (dev.bdf >> 3) & 0x1f, dev.bdf & 7);
		return -ENODEV;
	}
	state_size = pci_read_config(dev.bdf, cap + IVSHM_CAP_STATE_SIZE, 4);
	dev.rw_size = read_cfg64(dev.bdf, cap + IVSHM_CAP_RW_SIZE);
	dev.out_size = read_cfg64(dev.bdf, cap + IVSHM_CAP_OUTPUT_SIZE);
	dev.state_table = read_cfg64(dev.bdf, cap + IVSHM_CAP_ADDR);
	dev.rw = dev.state_table + state_size;
	dev.inputs = dev.rw + dev.rw_size;

	pin = pci_read_config(dev.bdf, PCI_CFG_INT_PIN, 1);
	if (!pin) {
		printk("ivshmem-demo: device offers MSI-X only, this demo needs INTx\n");
		return -ENODEV;
	}
	dev.irq = 32 + platform.vpci_irq_base + pin - 1;

	if (bar0 & 0xfff || bar0 >> 32) {
		printk("ivshmem-demo: bar0=0x%lx must be 4 KiB aligned and below 4 GiB\n",
		       (unsigned long)bar0);
		return -EINVAL;
	}
	pci_write_config(dev.bdf, PCI_CFG_BAR0, (u32)bar0, 4);
	pci_write_config(dev.bdf, PCI_CFG_COMMAND, PCI_CMD_MEM, 2);
	dev.regs = bar0;

	dev.id = mmio_read32(dev.regs + IVSHM_REG_ID);
	dev.max_peers = mmio_read32(dev.regs + IVSHM_REG_MAX_PEERS);
	if (dev.max_peers == 0 || dev.id >= dev.max_peers) {
		printk("ivshmem-demo: bad registers: ID %u, maximum peers %u\n",
		       dev.id, dev.max_peers);
		return -EIO;
	}
	dev.out = dev.inputs + dev.id * dev.out_size;
	return 0;
}

static void print_shmem(void)
{
	u32 i;

	for (i = 0; i < dev.max_peers; i++)
		printk("state[%u] = %u\n", i,
		       mmio_read32(dev.state_table + i * 4));
	for (i = 0; i < dev.max_peers && (i + 1) * 4 <= dev.rw_size; i++)
		printk("rw[%u] = %d\n", i, (int)mmio_read32(dev.rw + i * 4));
	/* the seed's fixed offsets into the input area (see apps/) */
	for (i = 0; i < dev.max_peers; i++)
		if ((i * SEED_SECTION) + 4 <= dev.max_peers * dev.out_size)
			printk("in@0x%04lx = %d\n",
			       (unsigned long)(i * SEED_SECTION),
			       (int)mmio_read32(dev.inputs +
						i * SEED_SECTION));
}

static void write_rw(u32 val)
{
	if ((dev.id + 1) * 4 <= dev.rw_size)
		mmio_write32(dev.rw + dev.id * 4, val);
}

static void ivshmem_irq(u32 intid)
{
	u32 n;

	if (intid != dev.irq) {
		printk("ivshmem-demo: unexpected interrupt %u\n", intid);
		return;
	}
	n = ++dev.irq_count;
	write_rw(n);
	mmio_write32(dev.out, n * 10);
	printk("\nInterrupt #%u\n", n);
	print_shmem();
	/* Re-arm (needed in one-shot mode, harmless otherwise). */
	mmio_write32(dev.regs + IVSHM_REG_INT_CTRL, 1);
}

void inmate_main(void)
{
	const char *cl = cmdline();
	u64 target, vector, next;

	if (find_device(cl) || setup_device(cl))
		return;

	target = cmdline_u64(cl, "target", (dev.id + 1) % dev.max_peers);
	vector = cmdline_u64(cl, "vector", 0);

	printk("ID = %u\n", dev.id);
	printk("Maximum peers = %u\n", dev.max_peers);
	mmio_write32(dev.regs + IVSHM_REG_STATE, dev.id + 1);
	write_rw(0);
	mmio_write32(dev.out, 0);
	print_shmem();

	if (gic_init(ivshmem_irq) < 0 || gic_enable_irq(dev.irq) < 0)
		return;
	mmio_write32(dev.regs + IVSHM_REG_INT_CTRL, 1);
	irq_enable();

	next = timer_get_ticks() + timer_get_frequency();
	for (;;) {
		if (timer_get_ticks() >= next) {
			printk("\nSending interrupt %lu to peer %lu\n",
			       (unsigned long)vector, (unsigned long)target);
			dsb_sy();
			mmio_write32(dev.regs + IVSHM_REG_DOORBELL,
				     (u32)(target << 16) | (vector & 0xffff));
			next += timer_get_frequency();
		}
		if (comm_region_poll(true) == JAILHOUSE_MSG_SHUTDOWN_REQUEST) {
			mmio_write32(dev.regs + IVSHM_REG_STATE, 0);
			inmate_halt();
		}
		cpu_relax();
	}
}
