// SPDX-License-Identifier: GPL-2.0
/*
 * Cell lifecycle: create a cell from a config in root cell memory, make
 * its loadable memory writable by the root cell, start it, destroy it.
 * Resources move between the root cell and the new cell: CPUs (parked by
 * the root cell beforehand), memory (stage-2 maps), interrupts (ownership).
 */
#include <hv/arch.h>
#include <hv/bitmap.h>
#include <hv/cell.h>
#include <hv/control.h>
#include <hv/pci.h>
#include <hv/percpu.h>
#include <hv/pool.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <jailhouse/config-check.h>
#include <jailhouse/hypercall.h>
#include <jailhouse/limits.h>

#define DEFAULT_REPLY_NS	100000000ULL	/* 100 ms */

static bool takes_root_memory(const struct jailhouse_memory *mem)
{
	return mem->size && !(mem->flags & (JAILHOUSE_MEM_COMM_REGION |
					    JAILHOUSE_MEM_ROOTSHARED)) &&
		!((mem->phys_start | mem->size) & ~PAGE_MASK);
}

/* Is [gpa, gpa + len) contiguous root cell RAM at phys, not hypervisor? */
static bool root_contiguous(u64 gpa, u64 phys, u64 len)
{
	u64 off;

	if (jailhouse_ranges_overlap(phys, len, hv_phys_base, hv_size))
		return false;
	for (off = 0; off < (gpa & ~PAGE_MASK) + len; off += PAGE_SIZE)
		if (paging_virt2phys(&root_cell.stage2,
				     (gpa & PAGE_MASK) + off) !=
		    (phys & PAGE_MASK) + off)
			return false;
	return true;
}

static int read_root(u64 gpa, u64 phys, void *buf, u64 len)
{
	u64 start = phys & PAGE_MASK, end = PAGE_ALIGN(phys + len);

	if (!root_contiguous(gpa, phys, len) ||
	    arch_map_hv_memory(start, end - start))
		return -EINVAL;
	memcpy(buf, (void *)phys, len);
	arch_unmap_hv_memory(start, end - start);
	return 0;
}

/* Copy a config the root cell placed at guest-physical @gpa. */
static struct jailhouse_cell_desc *copy_config(u64 gpa, unsigned int *pages)
{
	u64 phys = paging_virt2phys(&root_cell.stage2, gpa);
	struct jailhouse_cell_desc hdr, *copy;
	u64 size;

	if (phys == ~0ULL || read_root(gpa, phys, &hdr, sizeof(hdr))) {
		printk("cell config at 0x%llx: not in root cell memory\n",
		       gpa);
		return NULL;
	}
	size = jailhouse_cell_config_size(&hdr);
	if (size > JAILHOUSE_MAX_CELL_CONFIG_SIZE) {
		printk("cell config at 0x%llx: %llu bytes, more than %lu\n",
		       gpa, size, JAILHOUSE_MAX_CELL_CONFIG_SIZE);
		return NULL;
	}
	*pages = PAGE_ALIGN(size) / PAGE_SIZE;
	copy = page_alloc(*pages);
	if (!copy)
		return NULL;
	if (read_root(gpa, phys, copy, size) ||
	    jailhouse_check_cell_config(copy, size, JAILHOUSE_ARM64,
					printk_report, "cell config")) {
		page_free(copy, *pages);
		return NULL;
	}
	return copy;
}

static bool overlaps(const struct jailhouse_memory *a,
		     const struct jailhouse_memory *b)
{
	return jailhouse_ranges_overlap(a->phys_start, a->size, b->phys_start,
					b->size);
}

/* The non-root cell whose private RAM overlaps @mem, if any. */
static struct cell *ram_owner(const struct jailhouse_memory *mem)
{
	const struct jailhouse_memory *om;
	struct cell *other;
	unsigned int n;

	for (other = root_cell.next; other; other = other->next) {
		om = jailhouse_cell_mem_regions(other->config);
		for (n = 0; n < other->config->num_memory_regions; n++)
			if (takes_root_memory(&om[n]) &&
			    !(om[n].flags & JAILHOUSE_MEM_IO) &&
			    overlaps(&om[n], mem))
				return other;
	}
	return NULL;
}

/* The first address of @mem no root config region covers, or ~0. */
static u64 not_root_ram(const struct jailhouse_memory *mem)
{
	const struct jailhouse_memory *rm =
		jailhouse_cell_mem_regions(root_cell.config);
	u64 addr = mem->phys_start, end = mem->phys_start + mem->size;
	unsigned int r;

	while (addr < end) {
		for (r = 0; r < root_cell.config->num_memory_regions; r++)
			if (!(rm[r].flags & JAILHOUSE_MEM_IO) &&
			    addr >= rm[r].phys_start &&
			    addr - rm[r].phys_start < rm[r].size)
				break;
		if (r == root_cell.config->num_memory_regions)
			return addr;
		addr = rm[r].phys_start + rm[r].size;
	}
	return ~0ULL;
}

/* A cell's private RAM must be the root cell's, and nobody else's. */
static int check_ram(const struct jailhouse_cell_desc *cfg)
{
	const struct jailhouse_memory *mem = jailhouse_cell_mem_regions(cfg);
	struct cell *owner;
	unsigned int n;
	u64 addr;

	for (n = 0; n < cfg->num_memory_regions; n++) {
		if (!takes_root_memory(&mem[n]) ||
		    mem[n].flags & JAILHOUSE_MEM_IO)
			continue;
		owner = ram_owner(&mem[n]);
		if (owner) {
			printk("cell \"%s\": memory region %u (0x%llx, size "
			       "0x%llx) belongs to cell \"%s\"; expected "
			       "memory no other cell holds\n", cfg->name, n,
			       mem[n].phys_start, mem[n].size, owner->name);
			return -EBUSY;
		}
		addr = not_root_ram(&mem[n]);
		if (addr != ~0ULL) {
			printk("cell \"%s\": memory region %u (0x%llx, size "
			       "0x%llx): 0x%llx is not root cell RAM; expected "
			       "memory of the root cell's config\n", cfg->name,
			       n, mem[n].phys_start, mem[n].size, addr);
			return -EINVAL;
		}
	}
	return 0;
}

/* Cell names compare as strings: what follows the NUL does not count. */
static bool same_name(const char *a, const char *b)
{
	unsigned int n;

	for (n = 0; n < JAILHOUSE_CELL_NAME_MAXLEN && a[n] == b[n]; n++)
		if (!a[n])
			return true;
	return n == JAILHOUSE_CELL_NAME_MAXLEN;
}

/* The non-root cell holding CPU @cpu, if any. */
static struct cell *cpu_owner(unsigned int cpu)
{
	struct cell *c;

	for (c = root_cell.next; c; c = c->next)
		if (cell_has_cpu(c, cpu))
			return c;
	return NULL;
}

/* The highest CPU of the root cell's config. */
static unsigned int last_root_cpu(void)
{
	unsigned int n, last = 0;

	for (n = 0; n < root_cell.config->cpu_set_size * 8; n++)
		if (jailhouse_cell_has_cpu(root_cell.config, n))
			last = n;
	return last;
}

/*
 * Which CPUs a new cell may have is decided here (the driver only parks
 * the CPUs of the config Linux holds, never CPU 0, and relays what this
 * prints): CPU 0 stays with the root cell, a CPU of another cell or one
 * the root cell does not have is refused by name.
 */
static int check_cpus(const struct jailhouse_cell_desc *cfg)
{
	struct cell *owner;
	unsigned int n;

	for (n = 0; n < cfg->cpu_set_size * 8; n++) {
		if (!jailhouse_cell_has_cpu(cfg, n))
			continue;
		if (!n) {
			printk("cell \"%s\": its config claims CPU 0, which "
			       "stays with the root cell; expected CPUs 1-%u "
			       "only\n", cfg->name, last_root_cpu());
			return -EINVAL;
		}
		owner = n < MAX_CPUS ? cpu_owner(n) : NULL;
		if (owner) {
			printk("cell \"%s\": CPU %u belongs to cell \"%s\"; "
			       "expected a CPU of the root cell\n", cfg->name,
			       n, owner->name);
			return -EBUSY;
		}
		if (n >= MAX_CPUS || !cell_has_cpu(&root_cell, n)) {
			printk("cell \"%s\": CPU %u is not a CPU of the root "
			       "cell (not in the system config, or not "
			       "present); expected CPUs 1-%u\n", cfg->name, n,
			       last_root_cpu());
			return -EBUSY;
		}
		if (!per_cpu(n)->parked || per_cpu(n)->failed) {
			printk("cell \"%s\": CPU %u is not an offline CPU of "
			       "the root cell\n", cfg->name, n);
			return -EBUSY;
		}
	}
	return 0;
}

static int check_cell(const struct jailhouse_cell_desc *cfg)
{
	const struct jailhouse_memory *mem = jailhouse_cell_mem_regions(cfg);
	char who[JAILHOUSE_CELL_NAME_MAXLEN + 8];
	const char *dev;
	struct cell *c;
	unsigned int n;
	int err;

	for (c = &root_cell; c; c = c->next)
		if (same_name(c->name, cfg->name)) {
			printk("cell \"%s\": a cell named \"%s\" exists (id "
			       "%u); expected a new name\n", cfg->name,
			       cfg->name, c->id);
			return -EEXIST;
		}
	err = check_cpus(cfg);
	if (err)
		return err;
	for (n = 0; n < cfg->num_memory_regions; n++) {
		if (!mem[n].size || mem[n].flags & JAILHOUSE_MEM_COMM_REGION)
			continue;
		dev = arch_reserved_device(mem[n].phys_start, mem[n].size);
		if (jailhouse_ranges_overlap(mem[n].phys_start, mem[n].size,
					     hv_phys_base, hv_size))
			dev = "the hypervisor memory";
		if (dev) {
			printk("cell \"%s\": memory region %u (0x%llx, size "
			       "0x%llx) overlaps %s\n", cfg->name, n,
			       mem[n].phys_start, mem[n].size, dev);
			return -EINVAL;
		}
	}
	err = check_ram(cfg);
	if (err)
		return err;
	/* what a static check of the pair also says (another board's?) */
	snprintf(who, sizeof(who), "cell \"%s\"", cfg->name);
	if (jailhouse_check_cell_for_system(system_config, cfg, printk_report,
					    who))
		return -EINVAL;
	return 0;
}

static void unmap_from_root(struct cell *cell)
{
	const struct jailhouse_memory *mem =
		jailhouse_cell_mem_regions(cell->config);
	unsigned int n;

	for (n = 0; n < cell->config->num_memory_regions; n++)
		if (takes_root_memory(&mem[n]))
			arch_unmap_region(&root_cell, mem[n].phys_start,
					  mem[n].size);
}

/* Give @cell's memory back to the root cell (as the root config says). */
static void remap_to_root(struct cell *cell)
{
	const struct jailhouse_memory *mem =
		jailhouse_cell_mem_regions(cell->config);
	const struct jailhouse_memory *rm =
		jailhouse_cell_mem_regions(root_cell.config);
	unsigned int n, r;
	struct cell *other;

	for (n = 0; n < cell->config->num_memory_regions; n++) {
		if (!takes_root_memory(&mem[n]) &&
		    !(cell->loadable && mem[n].flags & JAILHOUSE_MEM_LOADABLE))
			continue;
		if (!takes_root_memory(&mem[n]))
			arch_unmap_region(&root_cell, mem[n].phys_start,
					  mem[n].size);
		for (r = 0; r < root_cell.config->num_memory_regions; r++)
			if (rm[r].size &&
			    !((rm[r].virt_start | rm[r].size) & ~PAGE_MASK) &&
			    overlaps(&rm[r], &mem[n]))
				arch_map_region(&root_cell, rm[r].phys_start,
						rm[r].virt_start, rm[r].size,
						cell_mem_flags(rm[r].flags));
	}
	/* a whole root region came back: others keep what they own */
	for (other = root_cell.next; other; other = other->next)
		if (other != cell)
			unmap_from_root(other);
}

/*
 * Zero [start, start + size) page by page, writing only the pages that
 * hold something: most of a cell's RAM is still zero (never used, or
 * scrubbed at the last destroy), and reading is cheaper than writing (on
 * the emulated board it also spares the host from allocating the pages).
 */
static void zero_pages(u64 start, u64 size)
{
	const u64 *w;
	u64 page;
	unsigned int n;

	for (page = start; page < start + size; page += PAGE_SIZE) {
		w = (const u64 *)page;
		for (n = 0; n < PAGE_SIZE / 8; n += 8)
			if (w[n] | w[n + 1] | w[n + 2] | w[n + 3] |
			    w[n + 4] | w[n + 5] | w[n + 6] | w[n + 7]) {
				memset((void *)page, 0, PAGE_SIZE);
				break;
			}
	}
}

/*
 * Zero @cell's private RAM (what it takes from the root cell, not IO, not
 * shared): on create, so that it does not see what the root or an earlier
 * cell left there; on destroy, before the root cell gets it back.
 */
static int scrub_ram(struct cell *cell, const char *when)
{
	const struct jailhouse_memory *mem =
		jailhouse_cell_mem_regions(cell->config);
	unsigned int n;
	u64 start;

	for (n = 0; n < cell->config->num_memory_regions; n++) {
		if (!takes_root_memory(&mem[n]) ||
		    mem[n].flags & JAILHOUSE_MEM_IO)
			continue;
		start = mem[n].phys_start;
		if (arch_map_hv_memory(start, mem[n].size)) {
			printk("cell \"%s\": cannot map memory region %u "
			       "(0x%llx, size 0x%llx) to scrub it on %s\n",
			       cell->name, n, start, mem[n].size, when);
			return -ENOMEM;
		}
		zero_pages(start, mem[n].size);
		/* the next tenant may start with its caches off */
		arch_dcache_flush((void *)start, mem[n].size);
		arch_unmap_hv_memory(start, mem[n].size);
	}
	return 0;
}

static void map_loadable(struct cell *cell, bool map)
{
	const struct jailhouse_memory *mem =
		jailhouse_cell_mem_regions(cell->config);
	unsigned int n;

	if (cell->loadable == map)
		return;
	for (n = 0; n < cell->config->num_memory_regions; n++) {
		if (!(mem[n].flags & JAILHOUSE_MEM_LOADABLE) ||
		    !takes_root_memory(&mem[n]))
			continue;
		if (map)
			arch_map_region(&root_cell, mem[n].phys_start,
					mem[n].phys_start, mem[n].size,
					PAGING_READ | PAGING_WRITE);
		else
			arch_unmap_region(&root_cell, mem[n].phys_start,
					  mem[n].size);
	}
	cell->loadable = map;
}

/* The cell may read its communication region with caches off. */
static void comm_sync(struct cell *cell)
{
	arch_dcache_flush(cell->comm, sizeof(*cell->comm));
}

/* The generic part of a new cell's communication region; then arch's. */
static void comm_region_init(struct cell *cell)
{
	struct jailhouse_comm_region *comm = cell->comm;
	u32 flags = cell->config->flags;

	memcpy(comm->signature, COMM_REGION_MAGIC, sizeof(comm->signature));
	comm->revision = COMM_REGION_ABI_REVISION;
	comm->flags = 0;
	if (CELL_FLAGS_VIRTUAL_CONSOLE_PERMITTED(flags))
		comm->flags |= JAILHOUSE_COMM_FLAG_DBG_PUTC_PERMITTED;
	if (CELL_FLAGS_VIRTUAL_CONSOLE_ACTIVE(flags))
		comm->flags |= JAILHOUSE_COMM_FLAG_DBG_PUTC_ACTIVE;
	memcpy(&comm->console, &cell->config->console, sizeof(comm->console));
	comm->pci_mmconfig_base =
		system_config->platform_info.pci_mmconfig_base;
	arch_comm_region_init(cell);
}

static unsigned int free_id(void)
{
	unsigned int id;

	for (id = 1; id < JAILHOUSE_MAX_CELLS; id++)
		if (!cell_by_id(id))
			return id;
	return 0;
}

long cell_create(struct per_cpu *caller, u64 config_gpa)
{
	struct jailhouse_cell_desc *cfg;
	unsigned int pages, id, cpu;
	struct cell *cell, **link;
	int err;

	if (hv_shutting_down)
		return -EBUSY;
	id = free_id();
	if (!id) {
		printk("cannot create cell: %u cells exist\n", JAILHOUSE_MAX_CELLS);
		return -ENOMEM;
	}
	cfg = copy_config(config_gpa, &pages);
	if (!cfg)
		return -EINVAL;
	err = check_cell(cfg);
	if (err)
		goto out_cfg;

	err = -ENOMEM;
	cell = page_alloc(PAGE_ALIGN(sizeof(*cell)) / PAGE_SIZE);
	if (!cell)
		goto out_cfg;
	cell->comm = page_alloc(1);
	if (!cell->comm)
		goto out_cell;
	err = cell_init(cell, cfg);
	if (err)
		goto out_comm;
	cell->id = id;
	cell->config_copy = cfg;
	cell->config_pages = pages;
	comm_region_init(cell);
	cell_set_state(cell, JAILHOUSE_CELL_SHUT_DOWN);	/* syncs the region */

	unmap_from_root(cell);
	err = scrub_ram(cell, "create");
	if (err) {
		remap_to_root(cell);
		goto out_resources;
	}
	arch_cell_take_irqs(cell);
	for_each_cpu_in(cpu, &cell->cpus) {
		clear_bit(cpu, root_cell.cpus.bits);
		per_cpu(cpu)->cell = cell;
		/* statistics count for the cell the CPU works for */
		memset(per_cpu(cpu)->stats, 0, sizeof(per_cpu(cpu)->stats));
	}
	for (link = &root_cell.next; *link; link = &(*link)->next)
		;
	*link = cell;
	num_cells++;
	printk("Created cell \"%s\" (id %u)\n", cell->name, cell->id);
	return id;

out_resources:
	cell_destroy_resources(cell);
out_comm:
	page_free(cell->comm, 1);
out_cell:
	page_free(cell, PAGE_ALIGN(sizeof(*cell)) / PAGE_SIZE);
out_cfg:
	page_free(cfg, pages);
	return err;
}

static struct cell *lookup(u64 id)
{
	struct cell *cell = cell_by_id(id);

	if (!cell || cell == &root_cell)
		return NULL;
	return cell;
}

/* Ask a running, non-passive cell whether it may be stopped. */
static int request_shutdown(struct cell *cell)
{
	volatile struct jailhouse_comm_region *comm = cell->comm;
	u64 timeout = cell->config->msg_reply_timeout;
	u64 start = arch_time_ns();
	u32 reply;

	if (cell->state != JAILHOUSE_CELL_RUNNING ||
	    (cell->config->flags & JAILHOUSE_CELL_PASSIVE_COMMREG))
		return 0;
	if (!timeout)
		timeout = DEFAULT_REPLY_NS;
	comm->reply_from_cell = JAILHOUSE_MSG_NONE;
	asm volatile("" ::: "memory");
	comm->msg_to_cell = JAILHOUSE_MSG_SHUTDOWN_REQUEST;
	comm_sync(cell);
	while (arch_time_ns() - start < timeout) {
		comm_sync(cell);
		reply = comm->reply_from_cell;
		if (reply == JAILHOUSE_MSG_REQUEST_DENIED) {
			printk("cell \"%s\" denied the shutdown request; it "
			       "keeps running\n", cell->name);
			return -EPERM;
		}
		if (reply == JAILHOUSE_MSG_REQUEST_APPROVED) {
			printk("cell \"%s\" approved the shutdown request\n",
			       cell->name);
			return 0;
		}
	}
	printk("cell \"%s\" did not answer the shutdown request within %llu "
	       "ms: considered failed\n", cell->name, timeout / 1000000);
	cell_set_state(cell, JAILHOUSE_CELL_FAILED);
	return 0;
}

static void stop_cpus(struct cell *cell)
{
	unsigned int cpu;

	for_each_cpu_in(cpu, &cell->cpus)
		arch_park_remote(per_cpu(cpu));
}

/* Ask @cell to stop (unless it may not be asked), then park its CPUs. */
static int stop_cell(struct cell *cell)
{
	int err = request_shutdown(cell);

	if (!err)
		stop_cpus(cell);
	return err;
}

/* The non-root cell @id, stopped (see stop_cell); -ENOENT: no such cell */
static int lookup_and_stop(u64 id, struct cell **cell)
{
	*cell = lookup(id);
	if (!*cell)
		return -ENOENT;
	return stop_cell(*cell);
}

long cell_set_loadable(struct per_cpu *caller, u64 id)
{
	struct cell *cell;
	int err;

	err = lookup_and_stop(id, &cell);
	if (err)
		return err;
	if (cell->state == JAILHOUSE_CELL_RUNNING ||
	    cell->state == JAILHOUSE_CELL_RUNNING_LOCKED)
		cell_set_state(cell, JAILHOUSE_CELL_SHUT_DOWN);
	map_loadable(cell, true);
	return 0;
}

long cell_start(struct per_cpu *caller, u64 id)
{
	struct cell *cell;
	unsigned int cpu;
	int err;

	err = lookup_and_stop(id, &cell);
	if (err)
		return err;
	map_loadable(cell, false);
	cell->comm->msg_to_cell = JAILHOUSE_MSG_NONE;
	cell->comm->reply_from_cell = JAILHOUSE_MSG_NONE;
	comm_sync(cell);
	for_each_cpu_in(cpu, &cell->cpus)
		per_cpu(cpu)->failed = false;
	pci_cell_reset(cell);
	cell_set_state(cell, JAILHOUSE_CELL_RUNNING);
	/* the first CPU starts; the others wait for PSCI CPU_ON */
	arch_start_cpu(per_cpu(cell_first_cpu(cell)),
		       cell->config->cpu_reset_address);
	printk("Started cell \"%s\"\n", cell->name);
	return 0;
}

long cell_destroy(struct per_cpu *caller, u64 id)
{
	struct cell *cell = lookup(id), **link;
	unsigned int cpu;

	if (!cell)
		return -ENOENT;
	stop_cpus(cell);
	/* the root cell keeps what it held; it gets nothing of the cell's */
	if (scrub_ram(cell, "destroy"))
		printk("cell \"%s\": its RAM goes back to the root cell "
		       "unscrubbed\n", cell->name);
	for (link = &root_cell.next; *link != cell; link = &(*link)->next)
		;
	*link = cell->next;
	num_cells--;

	for_each_cpu_in(cpu, &cell->cpus) {
		per_cpu(cpu)->cell = &root_cell;
		per_cpu(cpu)->failed = false;
		memset(per_cpu(cpu)->stats, 0, sizeof(per_cpu(cpu)->stats));
		set_bit(cpu, root_cell.cpus.bits);
	}
	arch_cell_give_irqs(cell);
	remap_to_root(cell);
	printk("Destroyed cell \"%s\"\n", cell->name);
	cell_destroy_resources(cell);
	page_free(cell->comm, 1);
	page_free(cell->config_copy, cell->config_pages);
	page_free(cell, PAGE_ALIGN(sizeof(*cell)) / PAGE_SIZE);
	return 0;
}
