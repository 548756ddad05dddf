// SPDX-License-Identifier: GPL-2.0
/*
 * ivshmem v2: the virtual PCI device that links cells through shared
 * memory. Devices of different cells with the same bdf are peers of one
 * link; each peer has a register page (BAR0, trapped wherever the cell
 * placed it) with its id, the number of peers, interrupt control, a
 * doorbell and its state, mirrored into the link's state table. The
 * shared memory itself is mapped like any other region of the configs.
 * Interrupts are INTx, injected as the interrupt arch_vpci_intx_irq()
 * names for the pin in the target's cell.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/mmio.h>
#include <hv/pci.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <asm/spinlock.h>
#include <jailhouse/ivshmem.h>

#define IVSHMEM_MAX_PEERS	16
#define IVSHMEM_MAX_LINKS	16
#define IVSHMEM_MAX_ENDPOINTS	(JAILHOUSE_MAX_CELLS * 4)

#define IVSHMEM_ID		(IVSHM_DEVICE_ID << 16 | IVSHM_VENDOR_ID)
#define IVSHMEM_CLASS		((u32)IVSHM_CLASS)
#define PCI_CMD_WRITABLE	0x0407	/* I/O, memory, master, INTx off */
/* where our device puts the vendor capability, and its dwords */
#define CAP_OFFSET		0x40
#define CAP_VENDOR		0x09
#define CAP_LENGTH		IVSHM_CAP_LEN_WITH_ADDR
#define CAP_STATE_TABLE_SIZE	(CAP_OFFSET + IVSHM_CAP_STATE_SIZE)
#define CAP_RW_SIZE		(CAP_OFFSET + IVSHM_CAP_RW_SIZE)
#define CAP_OUTPUT_SIZE		(CAP_OFFSET + IVSHM_CAP_OUTPUT_SIZE)
#define CAP_ADDRESS		(CAP_OFFSET + IVSHM_CAP_ADDR)

#define INT_CTRL_ENABLE		0x1

struct ivshmem_link;

struct ivshmem_endpoint {
	struct cell *cell;
	const struct jailhouse_pci_device *dev;
	struct ivshmem_link *link;
	u16 command;
	u8 intx_line;
	u8 priv_ctrl;
	u32 bar[PCI_NUM_BARS];
	u32 int_ctrl;
	u32 state;
	u64 bar0_mapped;	/* where the register page traps, 0: nowhere */
};

struct ivshmem_link {
	u16 bdf;
	unsigned int peers;
	u64 table_phys, table_size;
	volatile u32 *state_table;	/* hypervisor mapping */
	struct ivshmem_endpoint *ep[IVSHMEM_MAX_PEERS];
};

static spinlock_t ivshmem_lock;
static struct ivshmem_endpoint endpoints[IVSHMEM_MAX_ENDPOINTS];
static struct ivshmem_link links[IVSHMEM_MAX_LINKS];

static const struct jailhouse_memory *
shmem_regions(const struct ivshmem_endpoint *ep)
{
	return jailhouse_cell_mem_regions(ep->cell->config) +
		ep->dev->shmem_regions_start;
}

static struct ivshmem_endpoint *find_ep(struct cell *cell,
					const struct jailhouse_pci_device *dev)
{
	unsigned int n;

	for (n = 0; n < IVSHMEM_MAX_ENDPOINTS; n++)
		if (endpoints[n].cell == cell && endpoints[n].dev == dev)
			return &endpoints[n];
	return NULL;
}

static unsigned int intx_pin(const struct jailhouse_pci_device *dev)
{
	if (dev->num_msix_vectors)
		return 0;
	return ((dev->bdf >> 3) & 3) + 1;
}

/* Interrupt @ep's cell if its interrupt control allows it. */
static void signal_peer(struct ivshmem_endpoint *ep)
{
	unsigned int pin = intx_pin(ep->dev);

	if (!pin || !(ep->int_ctrl & INT_CTRL_ENABLE) ||
	    (ep->command & PCI_CMD_INTX_OFF))
		return;
	if (ep->priv_ctrl & IVSHM_PRIV_CTRL_ONESHOT)
		ep->int_ctrl &= ~INT_CTRL_ENABLE;
	/* the sender's stores to the shared memory come first */
	asm volatile("" ::: "memory");
	__sync_synchronize();
	arch_inject_virq(ep->cell, arch_vpci_intx_irq(ep->cell->config, pin));
}

static void set_state(struct ivshmem_endpoint *ep, u32 state)
{
	struct ivshmem_link *link = ep->link;
	unsigned int n;

	ep->state = state;
	link->state_table[ep->dev->shmem_dev_id] = state;
	/* bare-metal peers may read the table with caches off */
	arch_dcache_flush(&link->state_table[ep->dev->shmem_dev_id],
			  sizeof(u32));
	for (n = 0; n < link->peers; n++)
		if (link->ep[n] && link->ep[n] != ep)
			signal_peer(link->ep[n]);
}

static void doorbell(struct ivshmem_endpoint *ep, u32 value)
{
	unsigned int target = value >> 16, vector = value & 0xffff;
	struct ivshmem_endpoint *peer;

	if (target >= ep->link->peers)
		return;
	peer = ep->link->ep[target];
	/* INTx has one line that every vector raises (the manual's demo
	 * sends vector id + 1); MSI-X vectors must exist */
	if (!peer || (peer->dev->num_msix_vectors &&
		      vector >= peer->dev->num_msix_vectors))
		return;
	signal_peer(peer);
}

static enum mmio_result regs_access(void *arg, struct mmio_access *access)
{
	struct ivshmem_endpoint *ep = arg;
	u64 offset = access->address - ep->bar0_mapped;

	if (access->size != 4 || (offset & 3))
		return MMIO_ERROR;
	spin_lock(&ivshmem_lock);
	if (!access->is_write) {
		switch (offset) {
		case IVSHM_REG_ID:
			access->value = ep->dev->shmem_dev_id;
			break;
		case IVSHM_REG_MAX_PEERS:
			access->value = ep->link->peers;
			break;
		case IVSHM_REG_INT_CTRL:
			access->value = ep->int_ctrl;
			break;
		case IVSHM_REG_STATE:
			access->value = ep->state;
			break;
		default:
			access->value = 0;
		}
	} else if (offset == IVSHM_REG_INT_CTRL) {
		ep->int_ctrl = access->value & INT_CTRL_ENABLE;
	} else if (offset == IVSHM_REG_DOORBELL) {
		doorbell(ep, access->value);
	} else if (offset == IVSHM_REG_STATE) {
		set_state(ep, access->value);
	}
	spin_unlock(&ivshmem_lock);
	return MMIO_HANDLED;
}

/* Trap the register page where BAR0 points while memory decoding is on. */
static void update_bar0(struct ivshmem_endpoint *ep)
{
	u64 size = ~(u64)ep->dev->bar_mask[0] + 1;
	u64 addr = ep->bar[0];

	size &= 0xffffffffULL;
	if (!(ep->command & PCI_CMD_MEMORY) || !addr ||
	    addr == ep->dev->bar_mask[0])
		addr = 0;
	if (addr == ep->bar0_mapped)
		return;
	ep->bar0_mapped = addr;
	mmio_region_move(ep->cell, ep, addr, addr ? size : 0);
}

u32 ivshmem_cfg_read(struct cell *cell, const struct jailhouse_pci_device *dev,
		     unsigned int reg)
{
	struct ivshmem_endpoint *ep = find_ep(cell, dev);
	const struct jailhouse_memory *mem;
	u64 out_size;

	if (!ep)
		return ~0U;
	mem = shmem_regions(ep);
	out_size = mem[2].size;
	switch (reg) {
	case PCI_CFG_ID:
		return IVSHMEM_ID;
	case PCI_CFG_COMMAND:
		return PCI_STATUS_CAPS << 16 | ep->command;
	case PCI_CFG_CLASS:
		return IVSHMEM_CLASS << 24 | (u32)dev->shmem_protocol << 8;
	case PCI_CFG_BAR0 ... PCI_CFG_BAR5:
		return ep->bar[(reg - PCI_CFG_BAR0) / 4];
	case PCI_CFG_CAP_PTR:
		return CAP_OFFSET;
	case PCI_CFG_INT:
		return intx_pin(dev) << 8 | ep->intx_line;
	case CAP_OFFSET:
		return (u32)ep->priv_ctrl << 24 | CAP_LENGTH << 16 |
			CAP_VENDOR;
	case CAP_STATE_TABLE_SIZE:
		return mem[0].size;
	case CAP_RW_SIZE:
		return mem[1].size;
	case CAP_RW_SIZE + 4:
		return mem[1].size >> 32;
	case CAP_OUTPUT_SIZE:
		return out_size;
	case CAP_OUTPUT_SIZE + 4:
		return out_size >> 32;
	case CAP_ADDRESS:
		return mem[0].virt_start;
	case CAP_ADDRESS + 4:
		return mem[0].virt_start >> 32;
	default:
		return 0;
	}
}

void ivshmem_cfg_write(struct cell *cell,
		       const struct jailhouse_pci_device *dev,
		       unsigned int reg, u32 value, u32 mask)
{
	struct ivshmem_endpoint *ep = find_ep(cell, dev);
	unsigned int bar;

	if (!ep)
		return;
	spin_lock(&ivshmem_lock);
	switch (reg) {
	case PCI_CFG_COMMAND:
		mask &= PCI_CMD_WRITABLE;
		ep->command = (ep->command & ~mask) | (value & mask);
		update_bar0(ep);
		break;
	case PCI_CFG_BAR0 ... PCI_CFG_BAR5:
		bar = (reg - PCI_CFG_BAR0) / 4;
		ep->bar[bar] = ((ep->bar[bar] & ~mask) | (value & mask)) &
			dev->bar_mask[bar];
		if (!bar)
			update_bar0(ep);
		break;
	case PCI_CFG_INT:
		if (mask & 0xff)
			ep->intx_line = value;
		break;
	case CAP_OFFSET:
		if (mask & 0xff000000)
			ep->priv_ctrl = (value >> 24) & IVSHM_PRIV_CTRL_ONESHOT;
		break;
	}
	spin_unlock(&ivshmem_lock);
}

static struct ivshmem_link *get_link(struct ivshmem_endpoint *ep)
{
	const struct jailhouse_memory *table = &shmem_regions(ep)[0];
	struct ivshmem_link *link, *free = NULL;
	unsigned int n;

	for (n = 0; n < IVSHMEM_MAX_LINKS; n++) {
		link = &links[n];
		if (!link->peers) {
			if (!free)
				free = link;
			continue;
		}
		if (link->bdf != ep->dev->bdf)
			continue;
		if (link->peers != ep->dev->shmem_peers ||
		    link->table_phys != table->phys_start) {
			printk("cell \"%s\": ivshmem %02x:%02x.%x: %u peers, "
			       "state table at 0x%llx; its peers have %u, "
			       "0x%llx\n", ep->cell->name, ep->dev->bdf >> 8,
			       (ep->dev->bdf >> 3) & 0x1f, ep->dev->bdf & 7,
			       ep->dev->shmem_peers, table->phys_start,
			       link->peers, link->table_phys);
			return NULL;
		}
		return link;
	}
	if (!free) {
		printk("cell \"%s\": more than %u ivshmem links\n",
		       ep->cell->name, IVSHMEM_MAX_LINKS);
		return NULL;
	}
	free->table_size = PAGE_ALIGN(ep->dev->shmem_peers * sizeof(u32));
	if (table->size < free->table_size ||
	    arch_map_hv_memory(table->phys_start, free->table_size)) {
		printk("cell \"%s\": ivshmem state table at 0x%llx (size "
		       "0x%llx) cannot hold %u peers\n", ep->cell->name,
		       table->phys_start, table->size, ep->dev->shmem_peers);
		return NULL;
	}
	free->bdf = ep->dev->bdf;
	free->peers = ep->dev->shmem_peers;
	free->table_phys = table->phys_start;
	free->state_table = (volatile u32 *)table->phys_start;
	return free;
}

static int add_endpoint(struct cell *cell,
			const struct jailhouse_pci_device *dev)
{
	struct ivshmem_endpoint *ep = NULL;
	struct ivshmem_link *link;
	unsigned int n;
	int err;

	if (dev->shmem_peers > IVSHMEM_MAX_PEERS ||
	    dev->shmem_dev_id >= dev->shmem_peers) {
		printk("cell \"%s\": ivshmem %02x:%02x.%x: peer id %u of %u "
		       "peers; expected fewer than %u peers\n", cell->name,
		       dev->bdf >> 8, (dev->bdf >> 3) & 0x1f, dev->bdf & 7,
		       dev->shmem_dev_id, dev->shmem_peers,
		       IVSHMEM_MAX_PEERS + 1);
		return -EINVAL;
	}
	for (n = 0; n < IVSHMEM_MAX_ENDPOINTS && !ep; n++)
		if (!endpoints[n].cell)
			ep = &endpoints[n];
	if (!ep) {
		printk("cell \"%s\": more than %u ivshmem devices in all "
		       "cells\n", cell->name, IVSHMEM_MAX_ENDPOINTS);
		return -ENOMEM;
	}
	memset(ep, 0, sizeof(*ep));
	ep->cell = cell;
	ep->dev = dev;
	link = get_link(ep);
	if (!link) {
		ep->cell = NULL;
		return -EINVAL;
	}
	if (link->ep[dev->shmem_dev_id]) {
		printk("cell \"%s\": ivshmem %02x:%02x.%x: peer id %u is "
		       "taken by cell \"%s\"\n", cell->name, dev->bdf >> 8,
		       (dev->bdf >> 3) & 0x1f, dev->bdf & 7, dev->shmem_dev_id,
		       link->ep[dev->shmem_dev_id]->cell->name);
		ep->cell = NULL;
		return -EBUSY;
	}
	err = mmio_region_register(cell, 0, 0, regs_access, ep);
	if (err) {
		ep->cell = NULL;
		return err;
	}
	ep->link = link;
	link->ep[dev->shmem_dev_id] = ep;
	set_state(ep, 0);
	return 0;
}

int ivshmem_cell_init(struct cell *cell)
{
	const struct jailhouse_pci_device *dev =
		jailhouse_cell_pci_devices(cell->config);
	unsigned int n;
	int err;

	for (n = 0; n < cell->config->num_pci_devices; n++) {
		if (dev[n].type != JAILHOUSE_PCI_TYPE_IVSHMEM)
			continue;
		spin_lock(&ivshmem_lock);
		err = add_endpoint(cell, &dev[n]);
		spin_unlock(&ivshmem_lock);
		if (err) {
			ivshmem_cell_exit(cell);
			return err;
		}
	}
	return 0;
}

static void reset_endpoint(struct ivshmem_endpoint *ep)
{
	ep->command = 0;
	ep->intx_line = 0;
	ep->priv_ctrl = 0;
	ep->int_ctrl = 0;
	memset(ep->bar, 0, sizeof(ep->bar));
	update_bar0(ep);
	set_state(ep, 0);
}

/* The cell restarts: its devices come out of reset. */
void ivshmem_cell_reset(struct cell *cell)
{
	unsigned int n;

	spin_lock(&ivshmem_lock);
	for (n = 0; n < IVSHMEM_MAX_ENDPOINTS; n++)
		if (endpoints[n].cell == cell && endpoints[n].link)
			reset_endpoint(&endpoints[n]);
	spin_unlock(&ivshmem_lock);
}

/* The cell goes away: its peers see its state become 0. */
void ivshmem_cell_exit(struct cell *cell)
{
	struct ivshmem_endpoint *ep;
	struct ivshmem_link *link;
	unsigned int n, p;

	spin_lock(&ivshmem_lock);
	for (n = 0; n < IVSHMEM_MAX_ENDPOINTS; n++) {
		ep = &endpoints[n];
		if (ep->cell != cell)
			continue;
		link = ep->link;
		if (link) {
			ep->int_ctrl = 0;
			set_state(ep, 0);
			link->ep[ep->dev->shmem_dev_id] = NULL;
			for (p = 0; p < link->peers && !link->ep[p]; p++)
				;
			if (p == link->peers) {
				arch_unmap_hv_memory(link->table_phys,
						     link->table_size);
				memset(link, 0, sizeof(*link));
			}
		}
		memset(ep, 0, sizeof(*ep));
	}
	spin_unlock(&ivshmem_lock);
}
