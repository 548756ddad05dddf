/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual PCI: each cell with PCI devices in its config sees an emulated
 * ECAM at the system's pci_mmconfig_base (core/pci.c); ivshmem v2 devices
 * behind it are emulated by core/ivshmem.c.
 */
#ifndef _HV_PCI_H
#define _HV_PCI_H

#include <hv/types.h>
#include <jailhouse/cell-config.h>

struct cell;

/* type 0 configuration header: dword offsets (PCI Local Bus spec) */
#define PCI_CFG_ID		0x00	/* device << 16 | vendor */
#define PCI_CFG_COMMAND		0x04	/* status << 16 | command */
#define PCI_CFG_CLASS		0x08	/* class, subclass, prog-if, rev */
#define PCI_CFG_BAR0		0x10
#define PCI_CFG_BAR5		0x24
#define PCI_CFG_CAP_PTR		0x34
#define PCI_CFG_INT		0x3c	/* pin << 8 | line */
#define PCI_NUM_BARS		6

#define PCI_STATUS_CAPS		0x0010	/* a capability list exists */
#define PCI_CMD_MEMORY		0x0002
#define PCI_CMD_INTX_OFF	0x0400

/* one dword of a device's config space (reg = dword aligned offset) */
u32 pci_cfg_read(struct cell *cell, const struct jailhouse_pci_device *dev,
		 unsigned int reg);
void pci_cfg_write(struct cell *cell, const struct jailhouse_pci_device *dev,
		   unsigned int reg, u32 value, u32 mask);

int pci_cell_init(struct cell *cell);
void pci_cell_reset(struct cell *cell);
void pci_cell_exit(struct cell *cell);

int ivshmem_cell_init(struct cell *cell);
void ivshmem_cell_reset(struct cell *cell);
void ivshmem_cell_exit(struct cell *cell);
u32 ivshmem_cfg_read(struct cell *cell, const struct jailhouse_pci_device *dev,
		     unsigned int reg);
void ivshmem_cfg_write(struct cell *cell,
		       const struct jailhouse_pci_device *dev,
		       unsigned int reg, u32 value, u32 mask);

#endif
