// SPDX-License-Identifier: GPL-2.0
/*
 * uio_ivshmem: userspace access to ivshmem v2 devices through UIO.
 *
 * The maps, their names and order are an interface (ABI.md, "uio_ivshmem"):
 * libcellipc and ivshmem-demo find them by name in sysfs. Read-only maps
 * refuse writable mmaps here already, so a buggy application gets EPERM
 * instead of being parked by the hypervisor for a stage-2 write fault.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/uio_driver.h>

#include <jailhouse/ivshmem.h>

#define IVSHM_MAX_PEERS_LIMIT	65536

/* id table: ivshmem-net devices are left to ivshmem-net.ko */
#define IVSHM_CLASS_NET		IVSHM_CLASS_CODE(IVNET_PROTOCOL)
#define IVSHM_SKIP		1UL

struct ivshm_dev {
	struct uio_info info;
	struct pci_dev *pdev;
	void __iomem *regs;
	bool readonly[MAX_UIO_MAPS];
	int nvectors;
};

struct ivshm_layout {
	u32 id;
	u32 max_peers;
	u32 state_size;
	u64 rw_size;
	u64 output_size;
	u64 base;
};

static irqreturn_t ivshm_irq(int irq, void *data)
{
	struct ivshm_dev *idev = data;

	/* Every vector means "look at the device": one UIO event for all. */
	uio_event_notify(&idev->info);
	return IRQ_HANDLED;
}

static int ivshm_mmap(struct uio_info *info, struct vm_area_struct *vma)
{
	struct ivshm_dev *idev = info->priv;
	unsigned long index = vma->vm_pgoff;
	unsigned long len = vma->vm_end - vma->vm_start;
	struct uio_mem *mem = &info->mem[index];

	if (idev->readonly[index]) {
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		vma->vm_flags &= ~VM_MAYWRITE;
	}
	if (index == 0)
		vma->vm_page_prot = pgprot_device(vma->vm_page_prot);
	/* The sections are ordinary, coherent RAM shared between cells. */
	return remap_pfn_range(vma, vma->vm_start, mem->addr >> PAGE_SHIFT,
			       len, vma->vm_page_prot);
}

static int ivshm_release(struct uio_info *info, struct inode *inode)
{
	struct ivshm_dev *idev = info->priv;

	/* A closed device file means the application is gone: tell peers. */
	writel(0, idev->regs + IVSHM_REG_STATE);
	return 0;
}

static u64 ivshm_cap_read64(struct pci_dev *pdev, int pos)
{
	u32 lo, hi;

	pci_read_config_dword(pdev, pos, &lo);
	pci_read_config_dword(pdev, pos + 4, &hi);
	return ((u64)hi << 32) | lo;
}

static int ivshm_read_layout(struct ivshm_dev *idev, int cap,
			     struct ivshm_layout *lay)
{
	struct device *dev = &idev->pdev->dev;
	u8 cap_len;

	pci_read_config_byte(idev->pdev, cap + IVSHM_CAP_LENGTH, &cap_len);
	if (cap_len < IVSHM_CAP_LEN_WITH_ADDR) {
		dev_err(dev, "vendor capability is %u bytes; need %u with the shared memory address (BAR2 placement is not supported)\n",
			cap_len, IVSHM_CAP_LEN_WITH_ADDR);
		return -ENODEV;
	}
	pci_read_config_dword(idev->pdev, cap + IVSHM_CAP_STATE_SIZE,
			      &lay->state_size);
	lay->rw_size = ivshm_cap_read64(idev->pdev, cap + IVSHM_CAP_RW_SIZE);
	lay->output_size = ivshm_cap_read64(idev->pdev,
					    cap + IVSHM_CAP_OUTPUT_SIZE);
	lay->base = ivshm_cap_read64(idev->pdev, cap + IVSHM_CAP_ADDR);
	lay->id = readl(idev->regs + IVSHM_REG_ID);
	lay->max_peers = readl(idev->regs + IVSHM_REG_MAX_PEERS);
	return 0;
}

static int ivshm_check_layout(struct device *dev,
			      const struct ivshm_layout *lay)
{
	if (lay->max_peers == 0 || lay->max_peers > IVSHM_MAX_PEERS_LIMIT ||
	    lay->id >= lay->max_peers) {
		dev_err(dev, "peer id %u / maximum peers %u: expected 1..%u peers and id below the maximum\n",
			lay->id, lay->max_peers, IVSHM_MAX_PEERS_LIMIT);
		return -EINVAL;
	}
	if (!PAGE_ALIGNED(lay->base) || !PAGE_ALIGNED(lay->state_size) ||
	    !PAGE_ALIGNED(lay->rw_size) || !PAGE_ALIGNED(lay->output_size)) {
		dev_err(dev, "shared memory at %#llx (state %#x, rw %#llx, output %#llx): every part must be page aligned\n",
			lay->base, lay->state_size, lay->rw_size,
			lay->output_size);
		return -EINVAL;
	}
	if (lay->state_size < lay->max_peers * sizeof(u32) ||
	    lay->output_size == 0) {
		dev_err(dev, "state table %#x bytes for %u peers, output section %#llx bytes: too small\n",
			lay->state_size, lay->max_peers, lay->output_size);
		return -EINVAL;
	}
	return 0;
}

static void ivshm_add_map(struct ivshm_dev *idev, int *index, const char *name,
			  phys_addr_t addr, resource_size_t size, bool readonly)
{
	struct uio_mem *mem = &idev->info.mem[*index];

	mem->name = name;
	mem->addr = addr;
	mem->size = size;
	mem->memtype = UIO_MEM_PHYS;
	idev->readonly[*index] = readonly;
	(*index)++;
}

static void ivshm_setup_maps(struct ivshm_dev *idev,
			     const struct ivshm_layout *lay)
{
	phys_addr_t section = lay->base + lay->state_size;
	int index = 0;

	ivshm_add_map(idev, &index, "registers",
		      pci_resource_start(idev->pdev, 0),
		      pci_resource_len(idev->pdev, 0), false);
	ivshm_add_map(idev, &index, "state_table", lay->base, lay->state_size,
		      true);
	if (lay->rw_size) {
		ivshm_add_map(idev, &index, "rw_section", section,
			      lay->rw_size, false);
		section += lay->rw_size;
	}
	ivshm_add_map(idev, &index, "input_sections", section,
		      lay->output_size * lay->max_peers, true);
	ivshm_add_map(idev, &index, "output_section",
		      section + lay->output_size * lay->id, lay->output_size,
		      false);
}

/* Vectors must be released before the vector table goes away. */
static void ivshm_free_irqs(struct ivshm_dev *idev)
{
	int i;

	for (i = 0; i < idev->nvectors; i++)
		free_irq(pci_irq_vector(idev->pdev, i), idev);
	pci_free_irq_vectors(idev->pdev);
}

static int ivshm_setup_irqs(struct ivshm_dev *idev)
{
	struct pci_dev *pdev = idev->pdev;
	unsigned long flags;
	int i, ret;

	ret = pci_alloc_irq_vectors(pdev, 1, max(pci_msix_vec_count(pdev), 1),
				    PCI_IRQ_MSIX | PCI_IRQ_LEGACY);
	if (ret < 0) {
		dev_err(&pdev->dev, "no interrupt (neither MSI-X nor INTx): %d\n",
			ret);
		return ret;
	}
	idev->nvectors = ret;
	flags = pdev->msix_enabled ? 0 : IRQF_SHARED;
	for (i = 0; i < idev->nvectors; i++) {
		ret = request_irq(pci_irq_vector(pdev, i), ivshm_irq, flags,
				  idev->info.name, idev);
		if (ret) {
			dev_err(&pdev->dev, "cannot request vector %d: %d\n",
				i, ret);
			goto err_free;
		}
	}
	if (!pdev->msix_enabled)
		pci_intx(pdev, 1);
	return 0;

err_free:
	idev->nvectors = i;
	ivshm_free_irqs(idev);
	return ret;
}

static int ivshm_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct ivshm_layout lay;
	struct ivshm_dev *idev;
	int cap, ret;

	if (id->driver_data == IVSHM_SKIP)
		return -ENODEV;	/* ivshmem-net's, see ivshm_ids */

	idev = devm_kzalloc(&pdev->dev, sizeof(*idev), GFP_KERNEL);
	if (!idev)
		return -ENOMEM;
	idev->pdev = pdev;

	ret = pcim_enable_device(pdev);
	if (ret) {
		dev_err(&pdev->dev, "cannot enable device: %d\n", ret);
		return ret;
	}
	ret = pcim_iomap_regions(pdev, BIT(0), KBUILD_MODNAME);
	if (ret) {
		dev_err(&pdev->dev, "cannot map BAR0 (registers): %d\n", ret);
		return ret;
	}
	idev->regs = pcim_iomap_table(pdev)[0];

	cap = pci_find_capability(pdev, PCI_CAP_ID_VNDR);
	if (!cap) {
		dev_err(&pdev->dev, "no vendor capability: not an ivshmem v2 device\n");
		return -ENODEV;
	}
	ret = ivshm_read_layout(idev, cap, &lay);
	if (ret)
		return ret;
	ret = ivshm_check_layout(&pdev->dev, &lay);
	if (ret)
		return ret;

	idev->info.name = KBUILD_MODNAME;
	idev->info.version = "1";
	idev->info.irq = UIO_IRQ_CUSTOM;
	idev->info.mmap = ivshm_mmap;
	idev->info.release = ivshm_release;
	idev->info.priv = idev;
	ivshm_setup_maps(idev, &lay);

	pci_set_master(pdev);
	/* One-shot: each delivery disables interrupts until userspace
	 * re-arms them, so a busy peer cannot storm this CPU. */
	pci_write_config_byte(pdev, cap + IVSHM_CAP_PRIV_CTRL,
			      IVSHM_PRIV_CTRL_ONESHOT);

	ret = ivshm_setup_irqs(idev);
	if (ret)
		return ret;

	ret = uio_register_device(&pdev->dev, &idev->info);
	if (ret) {
		dev_err(&pdev->dev, "cannot register UIO device: %d\n", ret);
		ivshm_free_irqs(idev);
		return ret;
	}
	pci_set_drvdata(pdev, idev);
	dev_info(&pdev->dev, "ivshmem v2 peer %u of %u, protocol %#06x, shared memory %#llx, %d vector(s)\n",
		 lay.id, lay.max_peers, pdev->class & 0xffff, lay.base,
		 idev->nvectors);
	return 0;
}

static void ivshm_remove(struct pci_dev *pdev)
{
	struct ivshm_dev *idev = pci_get_drvdata(pdev);

	uio_unregister_device(&idev->info);
	writel(0, idev->regs + IVSHM_REG_INT_CTRL);
	writel(0, idev->regs + IVSHM_REG_STATE);
	ivshm_free_irqs(idev);
}

/*
 * Every protocol (class 0xff, protocol in sub-class and interface) except
 * ivshmem-net (0x0001), which ivshmem-net.ko drives: its entry comes first
 * and is refused in probe, so both modules load for a network device and
 * the right one binds. An id added through new_id (netbridge-up does, for
 * 0xff0001) is matched before this table and binds.
 */
static const struct pci_device_id ivshm_ids[] = {
	{ PCI_DEVICE(IVSHM_VENDOR_ID, IVSHM_DEVICE_ID),
	  .class = IVSHM_CLASS_NET, .class_mask = 0xffffff,
	  .driver_data = IVSHM_SKIP },
	{ PCI_DEVICE(IVSHM_VENDOR_ID, IVSHM_DEVICE_ID),
	  .class = IVSHM_CLASS_CODE(0), .class_mask = 0xff0000 },
	{ }
};
MODULE_DEVICE_TABLE(pci, ivshm_ids);

static struct pci_driver ivshm_driver = {
	.name = KBUILD_MODNAME,
	.id_table = ivshm_ids,
	.probe = ivshm_probe,
	.remove = ivshm_remove,
};
module_pci_driver(ivshm_driver);

MODULE_DESCRIPTION("UIO driver for ivshmem v2 devices");
MODULE_LICENSE("GPL");
