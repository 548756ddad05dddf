// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration validation, written once and freestanding: it uses nothing
 * but the configuration headers, so the hypervisor, the driver, the tools
 * and the host tests all compile this same file.
 */
#include <jailhouse/config-check.h>

#define CHECK_PAGE_SIZE		0x1000ULL
#define MAX_SPI_INTID		1020

/*
 * Upper bounds of the counts in a cell descriptor, far above any board's
 * (the published configs stay below a tenth of each). They keep every
 * size sum and every loop over the tables small, whatever a file says.
 */
#define MAX_CPU_SET_SIZE	128	/* bytes: 1024 CPUs */
#define MAX_MEMORY_REGIONS	4096
#define MAX_CACHE_REGIONS	256
#define MAX_IRQCHIPS		64
#define MAX_PIO_REGIONS		4096
#define MAX_PCI_DEVICES		1024
#define MAX_PCI_CAPS		4096
#define MAX_STREAM_IDS		1024

static int sig_equal(const char *sig, const char *expected)
{
	unsigned int n;

	for (n = 0; n < JAILHOUSE_SIGNATURE_SIZE; n++)
		if (sig[n] != expected[n])
			return 0;
	return 1;
}

static void printable_sig(const char *sig, char *out)
{
	unsigned int n;

	for (n = 0; n < JAILHOUSE_SIGNATURE_SIZE; n++)
		out[n] = (sig[n] >= 0x20 && sig[n] < 0x7f) ? sig[n] : '?';
	out[n] = 0;
}

const char *jailhouse_arch_name(unsigned int arch)
{
	switch (arch) {
	case JAILHOUSE_X86:
		return "x86";
	case JAILHOUSE_ARM:
		return "arm";
	case JAILHOUSE_ARM64:
		return "arm64";
	default:
		return "unknown";
	}
}

static int check_header(const char *sig, const char *expected,
			const char *other, const char *what,
			unsigned int revision, unsigned int architecture,
			unsigned int arch, jailhouse_report_t report,
			void *ctx)
{
	char found[JAILHOUSE_SIGNATURE_SIZE + 1];

	if (!sig_equal(sig, expected)) {
		printable_sig(sig, found);
		if (sig_equal(sig, other))
			report(ctx, "wrong signature \"%s\": this is a %s "
			       "config, expected a %s config (\"%s\")\n",
			       found, other[2] == 'C' ? "cell" : "system",
			       what, expected);
		else
			report(ctx, "wrong signature \"%s\", expected \"%s\" "
			       "(not a %s config)\n", found, expected, what);
		return -JH_CHECK_EINVAL;
	}
	if (revision != JAILHOUSE_CONFIG_REVISION) {
		report(ctx, "config revision %u, expected %u (rebuild the "
		       "config against this release's headers)\n",
		       revision, JAILHOUSE_CONFIG_REVISION);
		return -JH_CHECK_EINVAL;
	}
	if (architecture != arch) {
		report(ctx, "config is for architecture %u (%s), expected %u "
		       "(%s)\n", architecture,
		       jailhouse_arch_name(architecture), arch,
		       jailhouse_arch_name(arch));
		return -JH_CHECK_EINVAL;
	}
	return 0;
}

static int is_placeholder(const struct jailhouse_memory *mem)
{
	return !mem->phys_start && !mem->virt_start && !mem->size &&
		!mem->flags;
}

static int check_memory(const struct jailhouse_cell_desc *cell,
			jailhouse_report_t report, void *ctx)
{
	const struct jailhouse_memory *mem = jailhouse_cell_mem_regions(cell);
	unsigned long long aligned_mask = CHECK_PAGE_SIZE - 1;
	unsigned int n, m;

	for (n = 0; n < cell->num_memory_regions; n++) {
		const struct jailhouse_memory *r = &mem[n];

		if (is_placeholder(r))
			continue;
		if (!r->size) {
			report(ctx, "memory region %u (phys 0x%llx): size is "
			       "0, expected a non-empty region\n", n,
			       r->phys_start);
			return -JH_CHECK_EINVAL;
		}
		if (r->phys_start + r->size < r->phys_start ||
		    r->virt_start + r->size < r->virt_start) {
			report(ctx, "memory region %u (phys 0x%llx, size "
			       "0x%llx) wraps around the address space\n", n,
			       r->phys_start, r->size);
			return -JH_CHECK_ERANGE;
		}
		if ((r->phys_start & aligned_mask) &&
		    !(r->flags & JAILHOUSE_MEM_IO)) {
			report(ctx, "memory region %u: phys_start 0x%llx is "
			       "not page aligned (only IO regions may be "
			       "sub-page)\n", n, r->phys_start);
			return -JH_CHECK_EINVAL;
		}
		if (((r->virt_start | r->size) & aligned_mask) &&
		    !(r->flags & JAILHOUSE_MEM_IO)) {
			report(ctx, "memory region %u: virt_start 0x%llx / "
			       "size 0x%llx not page aligned (only IO regions "
			       "may be sub-page)\n", n, r->virt_start,
			       r->size);
			return -JH_CHECK_EINVAL;
		}
		if (r->flags & ~0xf81ffULL) {
			report(ctx, "memory region %u: unknown flags 0x%llx\n",
			       n, r->flags & ~0xf81ffULL);
			return -JH_CHECK_EINVAL;
		}
		for (m = 0; m < n; m++) {
			const struct jailhouse_memory *o = &mem[m];

			if (is_placeholder(o))
				continue;
			if (jailhouse_ranges_overlap(r->virt_start, r->size,
						     o->virt_start, o->size)) {
				report(ctx, "memory regions %u (virt 0x%llx-"
				       "0x%llx) and %u (virt 0x%llx-0x%llx) "
				       "overlap in the guest address space\n",
				       m, o->virt_start,
				       o->virt_start + o->size - 1, n,
				       r->virt_start,
				       r->virt_start + r->size - 1);
				return -JH_CHECK_EINVAL;
			}
		}
	}
	return 0;
}

/*
 * An irqchip entry of all zeroes is unused: published configs size their
 * irqchip array for the largest board and leave the rest zero, and the
 * published hypervisor skips every entry that is not at the distributor.
 */
static int irqchip_unused(const struct jailhouse_irqchip *chip)
{
	unsigned int n;

	for (n = 0; n < 4; n++)
		if (chip->pin_bitmap[n])
			return 0;
	return !chip->address && !chip->id && !chip->pin_base;
}

static int check_irqchips(const struct jailhouse_cell_desc *cell,
			  jailhouse_report_t report, void *ctx)
{
	const struct jailhouse_irqchip *chip = jailhouse_cell_irqchips(cell);
	unsigned int n;

	for (n = 0; n < cell->num_irqchips; n++) {
		if (irqchip_unused(&chip[n]))
			continue;
		if (chip[n].pin_base < 32 || chip[n].pin_base >
		    MAX_SPI_INTID + 4 - JAILHOUSE_IRQCHIP_PINS) {
			report(ctx, "irqchip %u: pin_base %u out of range, "
			       "expected 32..%u (SPIs)\n", n,
			       chip[n].pin_base,
			       MAX_SPI_INTID + 4 - JAILHOUSE_IRQCHIP_PINS);
			return -JH_CHECK_EINVAL;
		}
		if (!chip[n].address) {
			report(ctx, "irqchip %u: address is 0, expected the "
			       "distributor base\n", n);
			return -JH_CHECK_EINVAL;
		}
	}
	return 0;
}

static int check_pci(const struct jailhouse_cell_desc *cell,
		     jailhouse_report_t report, void *ctx)
{
	const struct jailhouse_pci_device *dev =
		jailhouse_cell_pci_devices(cell);
	unsigned int n;

	for (n = 0; n < cell->num_pci_devices; n++) {
		if (dev[n].caps_start + dev[n].num_caps > cell->num_pci_caps) {
			report(ctx, "PCI device %u (bdf %02x:%02x.%x): "
			       "capabilities %u..%u beyond the %u declared\n",
			       n, dev[n].bdf >> 8, (dev[n].bdf >> 3) & 0x1f,
			       dev[n].bdf & 7, dev[n].caps_start,
			       dev[n].caps_start + dev[n].num_caps,
			       cell->num_pci_caps);
			return -JH_CHECK_EINVAL;
		}
		if (dev[n].type != JAILHOUSE_PCI_TYPE_IVSHMEM)
			continue;
		if (dev[n].shmem_peers < 1 || dev[n].shmem_peers > 16 ||
		    dev[n].shmem_dev_id >= dev[n].shmem_peers) {
			report(ctx, "ivshmem device %u: id %u with %u peers, "
			       "expected 1..16 peers and id < peers\n", n,
			       dev[n].shmem_dev_id, dev[n].shmem_peers);
			return -JH_CHECK_EINVAL;
		}
		if ((unsigned long long)dev[n].shmem_regions_start + 2 +
		    dev[n].shmem_peers > cell->num_memory_regions) {
			report(ctx, "ivshmem device %u: memory regions %u..%u "
			       "beyond the %u declared\n", n,
			       dev[n].shmem_regions_start,
			       dev[n].shmem_regions_start + 1 +
			       dev[n].shmem_peers, cell->num_memory_regions);
			return -JH_CHECK_EINVAL;
		}
	}
	return 0;
}

static int check_count(const struct jailhouse_cell_desc *cell,
		       const char *what, __u32 count, __u32 max,
		       jailhouse_report_t report, void *ctx)
{
	if (count <= max)
		return 0;
	/* the name may not be checked yet: at most its 32 bytes */
	report(ctx, "cell \"%.*s\": %s is %u, expected at most %u (corrupt "
	       "header?)\n", (int)sizeof(cell->name), cell->name, what, count,
	       max);
	return -JH_CHECK_EINVAL;
}

/* Every count bounded: the size sum and the table loops stay small. */
static int check_counts(const struct jailhouse_cell_desc *c,
			jailhouse_report_t report, void *ctx)
{
	int err;

	err = check_count(c, "cpu_set_size", c->cpu_set_size,
			  MAX_CPU_SET_SIZE, report, ctx);
	if (!err)
		err = check_count(c, "num_memory_regions",
				  c->num_memory_regions, MAX_MEMORY_REGIONS,
				  report, ctx);
	if (!err)
		err = check_count(c, "num_cache_regions",
				  c->num_cache_regions, MAX_CACHE_REGIONS,
				  report, ctx);
	if (!err)
		err = check_count(c, "num_irqchips", c->num_irqchips,
				  MAX_IRQCHIPS, report, ctx);
	if (!err)
		err = check_count(c, "num_pio_regions", c->num_pio_regions,
				  MAX_PIO_REGIONS, report, ctx);
	if (!err)
		err = check_count(c, "num_pci_devices", c->num_pci_devices,
				  MAX_PCI_DEVICES, report, ctx);
	if (!err)
		err = check_count(c, "num_pci_caps", c->num_pci_caps,
				  MAX_PCI_CAPS, report, ctx);
	if (!err)
		err = check_count(c, "num_stream_ids", c->num_stream_ids,
				  MAX_STREAM_IDS, report, ctx);
	return err;
}

/*
 * @size bytes are readable at @cell. Nothing past the descriptor is read
 * before its counts are bounded and the tables they describe, summed in
 * 64 bits, end exactly at @size.
 */
int jailhouse_check_cell_desc(const struct jailhouse_cell_desc *cell,
			      unsigned long size, jailhouse_report_t report,
			      void *ctx)
{
	const unsigned long long *cpus;
	unsigned int n, any = 0;
	__u64 described;
	int err;

	if (size < sizeof(*cell)) {
		report(ctx, "cell descriptor of %lu bytes, smaller than its "
		       "%lu-byte header (truncated file?)\n", size,
		       (unsigned long)sizeof(*cell));
		return -JH_CHECK_EINVAL;
	}
	for (n = 0; n < sizeof(cell->name); n++)
		if (!cell->name[n])
			break;
	if (n == 0 || n == sizeof(cell->name)) {
		report(ctx, "cell name is %s, expected 1..%u characters\n",
		       n ? "not NUL-terminated" : "empty",
		       JAILHOUSE_CELL_NAME_MAXLEN);
		return -JH_CHECK_EINVAL;
	}
	if (!cell->cpu_set_size || cell->cpu_set_size % 8) {
		report(ctx, "cell \"%s\": cpu_set_size %u, expected a "
		       "non-zero multiple of 8 bytes\n", cell->name,
		       cell->cpu_set_size);
		return -JH_CHECK_EINVAL;
	}
	err = check_counts(cell, report, ctx);
	if (err)
		return err;
	described = jailhouse_cell_config_size(cell);
	if (described != size) {
		report(ctx, "cell \"%s\": its header describes %llu bytes but "
		       "%lu are present (%s)\n", cell->name,
		       (unsigned long long)described, size,
		       described > size ? "truncated file" :
		       "trailing garbage");
		return -JH_CHECK_EINVAL;
	}
	cpus = jailhouse_cell_cpu_set(cell);
	for (n = 0; n < cell->cpu_set_size / 8; n++) {
		unsigned long long w;

		__builtin_memcpy(&w, &cpus[n], sizeof(w));
		any |= !!w;
	}
	if (!any) {
		report(ctx, "cell \"%s\": CPU set is empty, expected at least "
		       "one CPU\n", cell->name);
		return -JH_CHECK_EINVAL;
	}
	if (cell->console.type > JAILHOUSE_CON_TYPE_MAX) {
		report(ctx, "cell \"%s\": console type %u unknown, expected "
		       "0..%u\n", cell->name, cell->console.type,
		       JAILHOUSE_CON_TYPE_MAX);
		return -JH_CHECK_EINVAL;
	}
	err = check_memory(cell, report, ctx);
	if (!err)
		err = check_irqchips(cell, report, ctx);
	if (!err)
		err = check_pci(cell, report, ctx);
	return err;
}

static int check_platform(const struct jailhouse_system *sys,
			  jailhouse_report_t report, void *ctx)
{
	if (sys->architecture == JAILHOUSE_X86)
		return 0;
	if (sys->platform_info.arm.gic_version != 2 &&
	    sys->platform_info.arm.gic_version != 3) {
		report(ctx, "GIC version %u, expected 2 or 3\n",
		       sys->platform_info.arm.gic_version);
		return -JH_CHECK_EINVAL;
	}
	if (!sys->platform_info.arm.gicd_base ||
	    (sys->platform_info.arm.gic_version == 3 &&
	     !sys->platform_info.arm.gicr_base)) {
		report(ctx, "GIC distributor/redistributor base is 0, "
		       "expected their physical addresses\n");
		return -JH_CHECK_EINVAL;
	}
	if (sys->platform_info.arm.maintenance_irq < 16 ||
	    sys->platform_info.arm.maintenance_irq > 31) {
		report(ctx, "maintenance IRQ %u, expected a PPI (16..31)\n",
		       sys->platform_info.arm.maintenance_irq);
		return -JH_CHECK_EINVAL;
	}
	return 0;
}

static int check_hypervisor_memory(const struct jailhouse_system *sys,
				   jailhouse_report_t report, void *ctx)
{
	const struct jailhouse_memory *hv = &sys->hypervisor_memory;
	const struct jailhouse_memory *mem;
	unsigned int n;

	if ((hv->phys_start | hv->size) & (CHECK_PAGE_SIZE - 1) ||
	    hv->size < 0x100000) {
		report(ctx, "hypervisor memory 0x%llx size 0x%llx: expected "
		       "page aligned and at least 1 MiB\n", hv->phys_start,
		       hv->size);
		return -JH_CHECK_EINVAL;
	}
	mem = jailhouse_cell_mem_regions(&sys->root_cell);
	for (n = 0; n < sys->root_cell.num_memory_regions; n++) {
		if (jailhouse_ranges_overlap(mem[n].phys_start, mem[n].size,
					     hv->phys_start, hv->size)) {
			report(ctx, "root memory region %u (0x%llx-0x%llx) "
			       "overlaps the hypervisor memory (0x%llx-"
			       "0x%llx)\n", n, mem[n].phys_start,
			       mem[n].phys_start + mem[n].size - 1,
			       hv->phys_start, hv->phys_start + hv->size - 1);
			return -JH_CHECK_EINVAL;
		}
	}
	if (sys->debug_console.type > JAILHOUSE_CON_TYPE_MAX) {
		report(ctx, "debug console type %u unknown, expected 0..%u\n",
		       sys->debug_console.type, JAILHOUSE_CON_TYPE_MAX);
		return -JH_CHECK_EINVAL;
	}
	return 0;
}

/*
 * Interrupt controller windows no cell may map: the hypervisor emulates
 * the distributor and redistributors, and a cell with direct access to
 * them (or to the ITS) could rewire the interrupts of CPUs it does not
 * own. GICv3: the distributor (64 KiB), the redistributors (128 KiB for
 * each CPU of the root cell) and, when the redistributors follow the
 * distributor within 1 MiB, what lies between, where GIC-500/600
 * integrations put their ITS (AM62x 0x01820000, QEMU virt 0x08080000).
 * GICv2: distributor, CPU interface, hypervisor and virtual CPU frames.
 */
#define GIC_SPAN_MAX		0x100000ULL

struct gic_window {
	__u64 start, end;
	const char *what;
};

static void gic_window(struct gic_window *w, __u64 start, __u64 size,
		       const char *what)
{
	w->start = start;
	w->end = start + size;
	w->what = what;
}

static unsigned int gic_windows(const struct jailhouse_system *sys,
				struct gic_window *w)
{
	__u64 gicd = sys->platform_info.arm.gicd_base;
	__u64 gicr = sys->platform_info.arm.gicr_base;
	unsigned int n, ncpus = 0;

	for (n = 0; n < sys->root_cell.cpu_set_size * 8; n++)
		if (jailhouse_cell_has_cpu(&sys->root_cell, n))
			ncpus = n + 1;
	gic_window(&w[0], gicd, 0x10000, "distributor");
	if (sys->platform_info.arm.gic_version == 3) {
		gic_window(&w[1], gicr, ncpus * 0x20000ULL, "redistributors");
		if (gicr <= gicd + 0x10000 || gicr - gicd > GIC_SPAN_MAX)
			return 2;
		gic_window(&w[2], gicd + 0x10000, gicr - gicd - 0x10000,
			   "frames between distributor and redistributors "
			   "(ITS)");
		return 3;
	}
	gic_window(&w[1], sys->platform_info.arm.gicc_base, 0x2000,
		   "CPU interface");
	gic_window(&w[2], sys->platform_info.arm.gich_base, 0x2000,
		   "hypervisor frame");
	gic_window(&w[3], sys->platform_info.arm.gicv_base, 0x2000,
		   "virtual CPU frame");
	return 4;
}

static int check_gic_overlap(const struct jailhouse_system *sys,
			     const struct jailhouse_cell_desc *cell,
			     jailhouse_report_t report, void *ctx)
{
	const struct jailhouse_memory *mem = jailhouse_cell_mem_regions(cell);
	struct gic_window w[4];
	unsigned int n, k, count;

	if (sys->architecture == JAILHOUSE_X86)
		return 0;
	count = gic_windows(sys, w);
	for (n = 0; n < cell->num_memory_regions; n++) {
		if (!mem[n].size || mem[n].flags & JAILHOUSE_MEM_COMM_REGION)
			continue;
		for (k = 0; k < count; k++) {
			if (!w[k].start ||
			    !jailhouse_ranges_overlap(mem[n].phys_start,
						      mem[n].size, w[k].start,
						      w[k].end - w[k].start))
				continue;
			report(ctx, "cell \"%s\": memory region %u (0x%llx-"
			       "0x%llx) overlaps the interrupt controller's "
			       "%s (0x%llx-0x%llx); expected no region over "
			       "the GIC, which the hypervisor emulates\n",
			       cell->name, n,
			       (unsigned long long)mem[n].phys_start,
			       (unsigned long long)(mem[n].phys_start +
						    mem[n].size - 1),
			       w[k].what, (unsigned long long)w[k].start,
			       (unsigned long long)(w[k].end - 1));
			return -JH_CHECK_EINVAL;
		}
	}
	return 0;
}

int jailhouse_check_system_config(const void *config, unsigned long size,
				  unsigned int arch, jailhouse_report_t report,
				  void *ctx)
{
	const struct jailhouse_system *sys = config;
	unsigned long hdr = sizeof(*sys) - sizeof(sys->root_cell);
	__u64 described;
	int err;

	if (size < sizeof(*sys)) {
		report(ctx, "config is %lu bytes, smaller than the %lu-byte "
		       "system config header (truncated file?)\n", size,
		       (unsigned long)sizeof(*sys));
		return -JH_CHECK_EINVAL;
	}
	err = check_header(sys->signature, JAILHOUSE_SYSTEM_SIGNATURE,
			   JAILHOUSE_CELL_DESC_SIGNATURE, "system",
			   sys->revision, sys->architecture, arch, report,
			   ctx);
	if (err)
		return err;
	err = check_counts(&sys->root_cell, report, ctx);
	if (err)
		return err;
	described = jailhouse_system_config_size(sys);
	if (described != size) {
		report(ctx, "system config header describes %llu bytes but the "
		       "file has %lu (%s)\n", (unsigned long long)described,
		       size, described > size ? "truncated file" :
		       "trailing garbage");
		return -JH_CHECK_EINVAL;
	}
	err = jailhouse_check_cell_desc(&sys->root_cell, size - hdr, report,
					ctx);
	if (!err)
		err = check_platform(sys, report, ctx);
	if (!err)
		err = check_hypervisor_memory(sys, report, ctx);
	if (!err)
		err = check_gic_overlap(sys, &sys->root_cell, report, ctx);
	return err;
}

int jailhouse_check_cell_config(const void *config, unsigned long size,
				unsigned int arch, jailhouse_report_t report,
				void *ctx)
{
	const struct jailhouse_cell_desc *cell = config;
	int err;

	if (size < sizeof(*cell)) {
		report(ctx, "config is %lu bytes, smaller than the %lu-byte "
		       "cell config header (truncated file?)\n", size,
		       (unsigned long)sizeof(*cell));
		return -JH_CHECK_EINVAL;
	}
	err = check_header(cell->signature, JAILHOUSE_CELL_DESC_SIGNATURE,
			   JAILHOUSE_SYSTEM_SIGNATURE, "cell",
			   cell->revision, cell->architecture, arch, report,
			   ctx);
	if (err)
		return err;
	return jailhouse_check_cell_desc(cell, size, report, ctx);
}

static int check_irqchips_for(const struct jailhouse_system *sys,
			      const struct jailhouse_cell_desc *cell,
			      jailhouse_report_t report, void *ctx)
{
	const struct jailhouse_irqchip *chip = jailhouse_cell_irqchips(cell);
	__u64 gicd = sys->platform_info.arm.gicd_base;
	unsigned int n;

	for (n = 0; n < cell->num_irqchips; n++)
		if (!irqchip_unused(&chip[n]) && chip[n].address != gicd) {
			report(ctx, "irqchip %u at 0x%llx is not this "
			       "system's interrupt controller 0x%llx (a config "
			       "for another board?)\n", n,
			       (unsigned long long)chip[n].address,
			       (unsigned long long)gicd);
			return -JH_CHECK_EINVAL;
		}
	return 0;
}

static int check_cpus_for(const struct jailhouse_system *sys,
			  const struct jailhouse_cell_desc *cell,
			  jailhouse_report_t report, void *ctx)
{
	unsigned int n;

	for (n = 0; n < cell->cpu_set_size * 8; n++) {
		if (!jailhouse_cell_has_cpu(cell, n))
			continue;
		if (!n || !jailhouse_cell_has_cpu(&sys->root_cell, n)) {
			report(ctx, "CPU %u is %s; expected CPUs of the root "
			       "cell but CPU 0\n", n,
			       n ? "not the root cell's" : "the root cell's "
			       "own, kept by Linux");
			return -JH_CHECK_EINVAL;
		}
	}
	return 0;
}

/* The first address of [start, end) no RAM region of the root covers. */
static __u64 uncovered(const struct jailhouse_cell_desc *root, __u64 start,
		       __u64 end)
{
	const struct jailhouse_memory *mem = jailhouse_cell_mem_regions(root);
	unsigned int n;
	int moved = 1;

	while (start < end && moved) {
		moved = 0;
		for (n = 0; n < root->num_memory_regions; n++)
			if (!(mem[n].flags & (JAILHOUSE_MEM_IO |
					      JAILHOUSE_MEM_COMM_REGION)) &&
			    start >= mem[n].phys_start &&
			    start < mem[n].phys_start + mem[n].size) {
				start = mem[n].phys_start + mem[n].size;
				moved = 1;
			}
	}
	return start < end ? start : end;
}

static int check_ram_for(const struct jailhouse_system *sys,
			 const struct jailhouse_cell_desc *cell,
			 jailhouse_report_t report, void *ctx)
{
	const struct jailhouse_memory *mem = jailhouse_cell_mem_regions(cell);
	unsigned int n;
	__u64 end, gap;

	for (n = 0; n < cell->num_memory_regions; n++) {
		if (!mem[n].size || mem[n].flags & (JAILHOUSE_MEM_IO |
		    JAILHOUSE_MEM_COMM_REGION | JAILHOUSE_MEM_ROOTSHARED))
			continue;
		end = mem[n].phys_start + mem[n].size;
		gap = uncovered(&sys->root_cell, mem[n].phys_start, end);
		if (gap < end) {
			report(ctx, "memory region %u (0x%llx, size 0x%llx): "
			       "0x%llx is not RAM of the root cell \"%s\"; "
			       "expected memory its config gives\n", n,
			       (unsigned long long)mem[n].phys_start,
			       (unsigned long long)mem[n].size,
			       (unsigned long long)gap, sys->root_cell.name);
			return -JH_CHECK_EINVAL;
		}
	}
	return 0;
}

/*
 * Virtual PCI INTx: the hypervisor injects SPIs vpci_irq_base + 0..3 of a
 * cell with PCI devices as virtual interrupts, with no physical line
 * behind them. Such an SPI must not be a device's: a non-root cell's
 * irqchips must not take one of the root cell's virtual lines for a
 * device, and must grant, in its own virtual range, only the pins its
 * virtual devices use (slot % 4 + 1, none with MSI-X); any other is a
 * device line the hypervisor would take for virtual.
 */
static int check_vpci_spis(const struct jailhouse_system *sys,
			   const struct jailhouse_cell_desc *cell,
			   jailhouse_report_t report, void *ctx)
{
	const struct jailhouse_pci_device *dev =
		jailhouse_cell_pci_devices(cell);
	unsigned int n, pin, used = 0;
	int chip;

	for (pin = 0; sys->root_cell.num_pci_devices && pin < 4; pin++) {
		unsigned int intid = 32 + sys->root_cell.vpci_irq_base + pin;

		chip = jailhouse_cell_irqchip_granting(cell, intid);
		if (chip < 0)
			continue;
		report(ctx, "cell \"%s\": irqchip %d grants SPI %u (INTID "
		       "%u), virtual PCI INTx pin %u of the root cell \"%s\" "
		       "(vpci_irq_base %u); expected device SPIs outside "
		       "the root's virtual PCI lines\n", cell->name, chip,
		       intid - 32, intid, pin + 1, sys->root_cell.name,
		       sys->root_cell.vpci_irq_base);
		return -JH_CHECK_EINVAL;
	}
	if (!cell->num_pci_devices)
		return 0;
	for (n = 0; n < cell->num_pci_devices; n++)
		if (!dev[n].num_msix_vectors)	/* MSI-X: no INTx pin */
			used |= 1u << ((dev[n].bdf >> 3) & 3);
	for (pin = 0; pin < 4; pin++) {
		unsigned int intid = 32 + cell->vpci_irq_base + pin;

		chip = jailhouse_cell_irqchip_granting(cell, intid);
		if (chip < 0 || (used & (1u << pin)))
			continue;
		report(ctx, "cell \"%s\": irqchip %d grants SPI %u (INTID "
		       "%u), its own virtual PCI INTx pin %u (vpci_irq_base "
		       "%u) that no virtual device uses; expected a device "
		       "SPI outside vpci_irq_base..+3\n", cell->name, chip,
		       intid - 32, intid, pin + 1, cell->vpci_irq_base);
		return -JH_CHECK_EINVAL;
	}
	return 0;
}

int jailhouse_check_cell_for_system(const struct jailhouse_system *sys,
				    const struct jailhouse_cell_desc *cell,
				    jailhouse_report_t report, void *ctx)
{
	int err = check_irqchips_for(sys, cell, report, ctx);

	if (!err)
		err = check_cpus_for(sys, cell, report, ctx);
	if (!err)
		err = check_ram_for(sys, cell, report, ctx);
	if (!err)
		err = check_gic_overlap(sys, cell, report, ctx);
	if (!err)
		err = check_vpci_spis(sys, cell, report, ctx);
	return err;
}
