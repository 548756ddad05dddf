// SPDX-License-Identifier: MIT
/*
 * PCI configuration space through ECAM (the hypervisor's virtual host
 * bridge, base from the communication region's pci_mmconfig_base): bus in
 * bits 27-20, device/function in 19-12 of the offset, i.e. bdf << 12.
 */
#include <inmate.h>

#define PCI_CAP_NEXT	1

static u64 cfg_addr(u16 bdf, u16 addr)
{
	return platform.pci_mmconfig_base + ((u64)bdf << 12) + (addr & 0xfff);
}

/*
 * All accesses are aligned 32-bit words, the one size every ECAM emulation
 * handles. Narrower writes merge into the word; for the command register
 * that writes 0 to the status half, which leaves its RW1C bits alone.
 */
u32 pci_read_config(u16 bdf, u16 addr, unsigned int size)
{
	u32 word = mmio_read32(cfg_addr(bdf, addr & ~3));
	unsigned int shift = (addr & 3) * 8;

	switch (size) {
	case 1:
		return (word >> shift) & 0xff;
	case 2:
		return (word >> shift) & 0xffff;
	default:
		return word;
	}
}

void pci_write_config(u16 bdf, u16 addr, u32 val, unsigned int size)
{
	u64 reg = cfg_addr(bdf, addr & ~3);
	unsigned int shift = (addr & 3) * 8;
	u32 mask, word;

	if (size == 4) {
		mmio_write32(reg, val);
		return;
	}
	mask = (size == 1 ? 0xffU : 0xffffU) << shift;
	word = addr == PCI_CFG_COMMAND ? 0 : mmio_read32(reg) & ~mask;
	mmio_write32(reg, word | ((val << shift) & mask));
}

int pci_find_device(u16 vendor, u16 device, u16 start_bdf)
{
	u32 bdf;

	if (!platform.pci_mmconfig_base)
		return -ENODEV;
	/* Bus 0 only: the virtual host bridge has a single bus. */
	for (bdf = start_bdf; bdf < 0x100; bdf++) {
		u32 id = pci_read_config(bdf, PCI_CFG_VENDOR_ID, 4);

		if ((id & 0xffff) == vendor && (id >> 16) == device)
			return (int)bdf;
	}
	return -ENODEV;
}

u16 pci_find_cap(u16 bdf, u8 cap_id)
{
	unsigned int hops;
	u8 pos;

	if (!(pci_read_config(bdf, PCI_CFG_STATUS, 2) & PCI_STS_CAPS))
		return 0;
	pos = pci_read_config(bdf, PCI_CFG_CAP_PTR, 1) & ~3;
	/* A hostile or broken list may loop: bound the walk. */
	for (hops = 0; pos && hops < 48; hops++) {
		if (pci_read_config(bdf, pos, 1) == cap_id)
			return pos;
		pos = pci_read_config(bdf, pos + PCI_CAP_NEXT, 1) & ~3;
	}
	return 0;
}
