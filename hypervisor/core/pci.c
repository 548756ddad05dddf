// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual PCI host: a cell whose config lists PCI devices gets an emulated
 * ECAM (bus 0 .. pci_mmconfig_end_bus) at the system's pci_mmconfig_base.
 * Functions the config does not list read as absent (all ones); ivshmem
 * devices are handed to core/ivshmem.c. Accesses of 1, 2 or 4 bytes,
 * naturally aligned.
 */
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/mmio.h>
#include <hv/pci.h>
#include <hv/printk.h>

#define ECAM_BUS_SIZE	(1ULL << 20)

static u64 ecam_base(void)
{
	return system_config->platform_info.pci_mmconfig_base;
}

static u64 ecam_size(void)
{
	return (system_config->platform_info.pci_mmconfig_end_bus + 1ULL) *
		ECAM_BUS_SIZE;
}

static const struct jailhouse_pci_device *find_dev(struct cell *cell,
						   u16 bdf)
{
	const struct jailhouse_pci_device *dev =
		jailhouse_cell_pci_devices(cell->config);
	unsigned int n;

	for (n = 0; n < cell->config->num_pci_devices; n++)
		if (dev[n].bdf == bdf)
			return &dev[n];
	return NULL;
}

u32 pci_cfg_read(struct cell *cell, const struct jailhouse_pci_device *dev,
		 unsigned int reg)
{
	if (dev->type == JAILHOUSE_PCI_TYPE_IVSHMEM)
		return ivshmem_cfg_read(cell, dev, reg);
	return ~0U;	/* only virtual devices are offered */
}

void pci_cfg_write(struct cell *cell, const struct jailhouse_pci_device *dev,
		   unsigned int reg, u32 value, u32 mask)
{
	if (dev->type == JAILHOUSE_PCI_TYPE_IVSHMEM)
		ivshmem_cfg_write(cell, dev, reg, value, mask);
}

static enum mmio_result ecam_access(void *arg, struct mmio_access *access)
{
	struct cell *cell = arg;
	u64 offset = access->address - ecam_base();
	const struct jailhouse_pci_device *dev;
	unsigned int reg = offset & 0xffc, shift = (offset & 3) * 8;
	u32 mask, dword;

	if (access->size > 4 || (offset & (access->size - 1)))
		return MMIO_ERROR;
	mask = access->size == 4 ? ~0U :
		((1U << (access->size * 8)) - 1) << shift;
	dev = find_dev(cell, (offset >> 12) & 0xffff);
	if (access->is_write) {
		if (dev)
			pci_cfg_write(cell, dev, reg,
				      (u32)access->value << shift, mask);
		return MMIO_HANDLED;
	}
	dword = dev ? pci_cfg_read(cell, dev, reg) : ~0U;
	access->value = (dword & mask) >> shift;
	return MMIO_HANDLED;
}

int pci_cell_init(struct cell *cell)
{
	int err;

	if (!cell->config->num_pci_devices)
		return 0;
	if (!ecam_base()) {
		printk("cell \"%s\": %u PCI devices but no pci_mmconfig_base "
		       "in the system config\n", cell->name,
		       cell->config->num_pci_devices);
		return -EINVAL;
	}
	err = mmio_region_register(cell, ecam_base(), ecam_size(),
				   ecam_access, cell);
	if (err)
		return err;
	return ivshmem_cell_init(cell);
}

void pci_cell_reset(struct cell *cell)
{
	ivshmem_cell_reset(cell);
}

void pci_cell_exit(struct cell *cell)
{
	ivshmem_cell_exit(cell);
}
