// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell's virtual PCI host: the hypervisor emulates an ECAM at the
 * system config's pci_mmconfig_base (ivshmem devices behind it). Debian's
 * kernel has no device-tree overlays, so the host bridge is registered
 * here, without a DT node: domain from the config, bus 0 to
 * pci_mmconfig_end_bus, a 32-bit memory window of JH_PCI_WINDOW_SIZE in the
 * first free range after the ECAM that the root cell has no memory in (so
 * that BARs placed there trap into the hypervisor), INTx as edge SPIs
 * 32 + vpci_irq_base + pin - 1 of the GICv3.
 */
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/of.h>
#include <linux/pci.h>
#include <linux/printk.h>
#include "main.h"
#include "pci.h"

#define JH_ECAM_BUS_SIZE	(1UL << 20)
#define JH_PCI_WINDOW_SIZE	(1UL << 20)

static struct {
	struct pci_host_bridge *bridge;
	void __iomem *ecam;
	struct resource busn, mem;
	u32 irq_base;
	struct device_node *gic;
} vpci;

static void __iomem *vpci_map_bus(struct pci_bus *bus, unsigned int devfn,
				  int where)
{
	return vpci.ecam + ((unsigned long)bus->number << 20) +
		(devfn << 12) + where;
}

static struct pci_ops vpci_ops = {
	.map_bus = vpci_map_bus,
	.read = pci_generic_config_read,
	.write = pci_generic_config_write,
};

static int vpci_map_irq(const struct pci_dev *dev, u8 slot, u8 pin)
{
	struct irq_fwspec spec = {
		.fwnode = of_node_to_fwnode(vpci.gic),
		.param_count = 3,
		.param = { 0 /* SPI */, vpci.irq_base + pin - 1,
			   IRQ_TYPE_EDGE_RISING },
	};
	int irq;

	if (!pin)
		return 0;
	irq = irq_create_fwspec_mapping(&spec);
	if (irq <= 0)
		dev_err(&dev->dev, "jailhouse: no Linux IRQ for SPI %u "
			"(INTx pin %u)\n", vpci.irq_base + pin - 1, pin);
	return irq > 0 ? irq : 0;
}

/* Does the root cell config give RAM or devices in [start, end]? */
static bool root_has_memory(u64 start, u64 end)
{
	const struct jailhouse_memory *mem =
		jailhouse_cell_mem_regions(&jh.config->root_cell);
	u32 n;

	for (n = 0; n < jh.config->root_cell.num_memory_regions; n++)
		if (jailhouse_ranges_overlap(mem[n].virt_start, mem[n].size,
					     start, end - start + 1))
			return true;
	return false;
}

/*
 * The BAR window: the first free, aligned range of the physical address
 * map at or above @min that the root cell has no memory region in, so
 * that accesses to the BARs trap into the hypervisor.
 */
static int claim_window(u64 min)
{
	int err;

	vpci.mem = (struct resource)DEFINE_RES_MEM_NAMED(0,
			JH_PCI_WINDOW_SIZE, "jailhouse virtual PCI");
	while (min < U32_MAX) {
		err = allocate_resource(&iomem_resource, &vpci.mem,
					JH_PCI_WINDOW_SIZE, min, U32_MAX,
					JH_PCI_WINDOW_SIZE, NULL, NULL);
		if (err)
			break;
		if (!root_has_memory(vpci.mem.start, vpci.mem.end))
			return 0;
		release_resource(&vpci.mem);
		min = vpci.mem.end + 1;
	}
	pr_err("jailhouse: virtual PCI: no free %lu KiB below 4 GiB for the "
	       "BARs outside the root cell's memory regions\n",
	       JH_PCI_WINDOW_SIZE >> 10);
	return -EBUSY;
}

int jailhouse_pci_register(void)
{
	const struct jailhouse_system *sys = jh.config;
	u64 base = sys->platform_info.pci_mmconfig_base;
	u64 ecam_size = (sys->platform_info.pci_mmconfig_end_bus + 1UL) *
		JH_ECAM_BUS_SIZE;
	struct pci_host_bridge *bridge;
	int err = -ENOMEM;

	if (!base || !sys->root_cell.num_pci_devices)
		return 0;
	vpci.gic = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
	if (!vpci.gic) {
		pr_err("jailhouse: virtual PCI: no \"arm,gic-v3\" node in the "
		       "device tree for its interrupts\n");
		return -ENODEV;
	}
	vpci.irq_base = sys->root_cell.vpci_irq_base;
	err = claim_window(base + ecam_size);
	if (err)
		goto out_gic;
	err = -ENOMEM;
	vpci.ecam = ioremap(base, ecam_size);
	if (!vpci.ecam)
		goto out_window;
	bridge = pci_alloc_host_bridge(0);
	if (!bridge)
		goto out_unmap;
	vpci.busn = (struct resource)DEFINE_RES_NAMED(0,
			sys->platform_info.pci_mmconfig_end_bus + 1,
			"jailhouse virtual PCI buses", IORESOURCE_BUS);
	pci_add_resource(&bridge->windows, &vpci.busn);
	pci_add_resource(&bridge->windows, &vpci.mem);
	bridge->domain_nr = sys->platform_info.pci_domain;
	bridge->busnr = 0;
	bridge->ops = &vpci_ops;
	bridge->map_irq = vpci_map_irq;
	bridge->swizzle_irq = pci_common_swizzle;
	bridge->dev.parent = jh.dev;
	err = pci_host_probe(bridge);
	if (err) {
		pr_err("jailhouse: virtual PCI host (domain %u, ECAM 0x%llx) "
		       "failed to probe: %d\n", sys->platform_info.pci_domain,
		       base, err);
		pci_free_host_bridge(bridge);
		goto out_unmap;
	}
	vpci.bridge = bridge;
	pr_info("jailhouse: virtual PCI host: domain %u, ECAM 0x%llx, "
		"window %pR\n", sys->platform_info.pci_domain, base, &vpci.mem);
	return 0;

out_unmap:
	iounmap(vpci.ecam);
out_window:
	release_resource(&vpci.mem);
out_gic:
	of_node_put(vpci.gic);
	return err;
}

void jailhouse_pci_unregister(void)
{
	if (!vpci.bridge)
		return;
	pci_lock_rescan_remove();
	pci_stop_root_bus(vpci.bridge->bus);
	pci_remove_root_bus(vpci.bridge->bus);
	pci_unlock_rescan_remove();
	vpci.bridge = NULL;
	iounmap(vpci.ecam);
	release_resource(&vpci.mem);
	of_node_put(vpci.gic);
	pr_info("jailhouse: virtual PCI host removed\n");
}
