/* SPDX-License-Identifier: GPL-2.0 */
/* pci.c: the root cell's virtual PCI host bridge. */
#ifndef _JAILHOUSE_DRIVER_PCI_H
#define _JAILHOUSE_DRIVER_PCI_H

int jailhouse_pci_register(void);
void jailhouse_pci_unregister(void);

#endif
