// SPDX-License-Identifier: MIT
/*
 * Board readiness: would a real board's Linux survive these cells?
 *
 *   board_ready BOARD BOARD_DTB ROOT_DTB ROOT_CELL [CELL ...]
 *
 * BOARD_DTB is the board's device tree as its vendor ships it (for the
 * AM625-SK Debian's ti/k3-am625-sk.dtb), ROOT_DTB the one the root cell's
 * Linux boots (k3-am625-sk-jailhouse.dtb: the same with the hypervisor's
 * memory reserved and the devices handed to the inmates disabled), then
 * the root cell (a system configuration) and the non-root cells of the
 * board. Each check prints one TAP line, "ok board-ready-BOARD-CHECK", and
 * a failure lists every node and range at fault:
 *   root-devices  every enabled device of ROOT_DTB lies in the root
 *                 cell's regions and in no region of another cell;
 *   root-spis     every GIC SPI of those devices is the root's: granted by
 *                 its irqchips and by no other cell's;
 *   handed-over   devices enabled (or reserved for firmware) in BOARD_DTB
 *                 but not in ROOT_DTB are in no root region, and every
 *                 device region and SPI of a non-root cell (but its
 *                 virtual PCI lines) is such a device's;
 *   gic           no region of any cell touches the GIC distributor,
 *                 redistributors, CPU interface frames or ITS;
 *   no-its        ROOT_DTB has no enabled ITS: the hypervisor offers no
 *                 LPIs, so the root's Linux must not set up LPI tables;
 *   root-memory   every RAM range of ROOT_DTB that Linux maps (memory
 *                 minus no-map reservations) is root cell RAM, and the
 *                 hypervisor and non-root RAM are reserved no-map;
 *   vpci-spis     the virtual PCI INTx SPIs of every cell are used by no
 *                 node of BOARD_DTB, enabled or not.
 * The device trees are read with libfdt; reg addresses are translated to
 * CPU addresses through the buses' ranges.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <jailhouse/types.h>
#include <jailhouse/cell-config.h>
#include <jailhouse/limits.h>

#include "load-file.h"

#define MAX_SPIS	1024

/* Every node of @fdt, depth first. */
#define fdt_for_each_node(off, fdt) \
	for ((off) = 0; (off) >= 0; (off) = fdt_next_node((fdt), (off), NULL))

struct cell {
	const char *path;
	void *buf;
	const struct jailhouse_cell_desc *desc;
};

struct range {
	uint64_t start, size;
};

static const char *board;
static void *board_dtb, *root_dtb;
static struct cell cells[JAILHOUSE_MAX_CELLS];	/* [0] is the root cell */
static int num_cells;
static const struct jailhouse_system *sys;
static int failed;

/* One TAP line for a check; the culprits were printed before it. */
static void report(const char *check, int bad)
{
	printf("%sok board-ready-%s-%s\n", bad ? "not " : "", board, check);
	failed |= bad;
}

static uint64_t read_cells(const fdt32_t *c, int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 32) | fdt32_to_cpu(*c++);
	return v;
}

static bool overlaps(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a < b + bs && b < a + as;
}

static const char *path_of(const void *fdt, int off)
{
	static char buf[512];

	if (fdt_get_path(fdt, off, buf, sizeof(buf)))
		snprintf(buf, sizeof(buf), "(node at offset %d)", off);
	return buf;
}

/* Status "okay" for the node and every ancestor. */
static bool enabled(const void *fdt, int off)
{
	for (; off >= 0; off = fdt_parent_offset(fdt, off)) {
		const char *s = fdt_getprop(fdt, off, "status", NULL);

		if (s && strcmp(s, "okay") && strcmp(s, "ok"))
			return false;
		if (off == 0)
			break;
	}
	return true;
}

/*
 * Translates @addr on the bus of @parent's children up to the CPU's
 * address space; false when a bus on the way has no ranges (I2C, SPI
 * buses, cpus) or no window holds the address.
 */
static bool translate(const void *fdt, int parent, uint64_t *addr)
{
	while (parent > 0) {
		int gp = fdt_parent_offset(fdt, parent);
		int ca = fdt_address_cells(fdt, parent);
		int pa = fdt_address_cells(fdt, gp);
		int cs = fdt_size_cells(fdt, parent);
		const fdt32_t *r;
		int len, i, step = ca + pa + cs;
		bool found = false;

		r = fdt_getprop(fdt, parent, "ranges", &len);
		if (!r)
			return false;
		for (i = 0; len > 0 && i + step <= len / 4; i += step) {
			uint64_t c = read_cells(r + i, ca);
			uint64_t p = read_cells(r + i + ca, pa);
			uint64_t s = read_cells(r + i + ca + pa, cs);

			if (*addr >= c && *addr < c + s) {
				*addr = p + (*addr - c);
				found = true;
				break;
			}
		}
		if (len > 0 && !found)
			return false;
		parent = gp;
	}
	return true;
}

/* The node's reg entries in CPU addresses; -1 if not translatable. */
static int reg_ranges(const void *fdt, int off, struct range *out, int max)
{
	int parent = fdt_parent_offset(fdt, off);
	int ac = fdt_address_cells(fdt, parent);
	int sc = fdt_size_cells(fdt, parent);
	const fdt32_t *reg;
	int len, i, n = 0;

	reg = fdt_getprop(fdt, off, "reg", &len);
	if (!reg || ac < 1 || sc < 1)
		return -1;
	for (i = 0; i + ac + sc <= len / 4 && n < max; i += ac + sc) {
		out[n].start = read_cells(reg + i, ac);
		out[n].size = read_cells(reg + i + ac, sc);
		if (!translate(fdt, parent, &out[n].start))
			return -1;
		n++;
	}
	return n;
}

static bool under(const void *fdt, int off, const char *path)
{
	int top = fdt_path_offset(fdt, path);

	for (off = fdt_parent_offset(fdt, off); off > 0;
	     off = fdt_parent_offset(fdt, off))
		if (off == top)
			return true;
	return false;
}

static bool is_gic(const void *fdt, int off)
{
	return !fdt_node_check_compatible(fdt, off, "arm,gic-v3") ||
	       !fdt_node_check_compatible(fdt, off, "arm,gic-v3-its");
}

/*
 * A device: a node with a reg in CPU addresses that is neither RAM, nor
 * reserved memory, nor a CPU, nor part of the interrupt controller.
 */
static int device_ranges(const void *fdt, int off, struct range *out,
			 int max)
{
	const char *type = fdt_getprop(fdt, off, "device_type", NULL);

	if (off == 0 || (type && !strcmp(type, "memory")) ||
	    under(fdt, off, "/reserved-memory") || under(fdt, off, "/cpus") ||
	    is_gic(fdt, off) || is_gic(fdt, fdt_parent_offset(fdt, off)))
		return -1;
	return reg_ranges(fdt, off, out, max);
}

/* Cell helpers; root is cells[0]. */
static const struct jailhouse_memory *regions(int c, uint32_t *n)
{
	*n = cells[c].desc->num_memory_regions;
	return jailhouse_cell_mem_regions(cells[c].desc);
}

/* Is [start, start + size) covered by the union of cell @c's regions? */
static bool covered(int c, uint64_t start, uint64_t size)
{
	uint64_t end = start + size;
	const struct jailhouse_memory *m;
	uint32_t n, i;
	bool progress = true;

	m = regions(c, &n);
	while (start < end && progress) {
		progress = false;
		for (i = 0; i < n; i++) {
			if (m[i].flags & JAILHOUSE_MEM_COMM_REGION)
				continue;
			if (start >= m[i].phys_start &&
			    start < m[i].phys_start + m[i].size) {
				start = m[i].phys_start + m[i].size;
				progress = true;
			}
		}
	}
	return start >= end;
}

/* The first device region (not shared memory) of cell @c over a range. */
static const struct jailhouse_memory *overlapping(int c, uint64_t start,
						  uint64_t size)
{
	const struct jailhouse_memory *m;
	uint32_t n, i;

	m = regions(c, &n);
	for (i = 0; i < n; i++)
		if (!(m[i].flags & (JAILHOUSE_MEM_COMM_REGION |
				    JAILHOUSE_MEM_ROOTSHARED)) && m[i].size &&
		    overlaps(start, size, m[i].phys_start, m[i].size))
			return &m[i];
	return NULL;
}

static bool spi_granted(int c, uint32_t intid)
{
	return jailhouse_cell_irqchip_granting(cells[c].desc, intid) >= 0;
}

/* The interrupt parent of a node, following ancestors; -1 if none. */
static int irq_parent(const void *fdt, int off)
{
	for (; off >= 0; off = fdt_parent_offset(fdt, off)) {
		const fdt32_t *p = fdt_getprop(fdt, off, "interrupt-parent",
					       NULL);

		if (p)
			return fdt_node_offset_by_phandle(fdt,
							  fdt32_to_cpu(*p));
		if (off == 0)
			break;
	}
	return -1;
}

static int add_gic_spi(const fdt32_t *spec, uint32_t *out, int n)
{
	if (fdt32_to_cpu(spec[0]) == 0 && n < MAX_SPIS)
		out[n++] = 32 + fdt32_to_cpu(spec[1]);
	return n;
}

/*
 * The GIC INTIDs of SPIs a node raises: "interrupts" and
 * "interrupts-extended" that reach the GIC, and the GIC lines a TI
 * interrupt router or aggregator hands out ("ti,interrupt-ranges":
 * input base, GIC INTID base, count).
 */
static int node_spis(const void *fdt, int off, uint32_t *out)
{
	const fdt32_t *p;
	int len, i, n = 0, parent = irq_parent(fdt, off);
	bool to_gic = parent >= 0 && is_gic(fdt, parent);

	p = fdt_getprop(fdt, off, "interrupts", &len);
	for (i = 0; to_gic && p && i + 3 <= len / 4; i += 3)
		n = add_gic_spi(p + i, out, n);
	p = fdt_getprop(fdt, off, "ti,interrupt-ranges", &len);
	for (i = 0; to_gic && p && i + 3 <= len / 4; i += 3) {
		uint32_t k, base = fdt32_to_cpu(p[i + 1]);

		for (k = 0; k < fdt32_to_cpu(p[i + 2]) && n < MAX_SPIS; k++)
			out[n++] = base + k;
	}
	p = fdt_getprop(fdt, off, "interrupts-extended", &len);
	for (i = 0; p && i < len / 4;) {
		int ctl = fdt_node_offset_by_phandle(fdt,
						     fdt32_to_cpu(p[i]));
		const fdt32_t *ic = ctl < 0 ? NULL :
			fdt_getprop(fdt, ctl, "#interrupt-cells", NULL);
		int cnt = ic ? (int)fdt32_to_cpu(*ic) : 0;

		if (!ic)
			break;
		if (is_gic(fdt, ctl) && cnt == 3 && i + 4 <= len / 4)
			n = add_gic_spi(p + i + 1, out, n);
		i += 1 + cnt;
	}
	return n;
}

static void print_range(const char *what, const void *fdt, int off,
			const struct range *r, const char *why)
{
	printf("#   %s %s: 0x%llx+0x%llx %s\n", what, path_of(fdt, off),
	       (unsigned long long)r->start, (unsigned long long)r->size,
	       why);
}

static void check_root_devices(void)
{
	struct range r[32];
	int off, n, i, c, bad = 0, count = 0;

	fdt_for_each_node(off, root_dtb) {
		if (!enabled(root_dtb, off))
			continue;
		n = device_ranges(root_dtb, off, r, 32);
		for (i = 0; i < n; i++) {
			count++;
			if (!covered(0, r[i].start, r[i].size)) {
				print_range("root device", root_dtb, off,
					    &r[i], "is not granted to the "
					    "root cell");
				bad++;
			}
			for (c = 1; c < num_cells; c++) {
				if (!overlapping(c, r[i].start, r[i].size))
					continue;
				print_range("root device", root_dtb, off,
					    &r[i], "is also granted to");
				printf("#     %s\n", cells[c].path);
				bad++;
			}
		}
	}
	printf("#   %d device ranges of %s checked\n", count, board);
	report("root-devices", bad || !count);
}

static void check_root_spis(void)
{
	static uint32_t spi[MAX_SPIS];
	int off, n, i, c, bad = 0;

	fdt_for_each_node(off, root_dtb) {
		if (!enabled(root_dtb, off) || is_gic(root_dtb, off))
			continue;
		n = node_spis(root_dtb, off, spi);
		for (i = 0; i < n; i++) {
			if (!spi_granted(0, spi[i])) {
				printf("#   %s: SPI %u (INTID %u) not granted "
				       "to the root cell\n",
				       path_of(root_dtb, off), spi[i] - 32,
				       spi[i]);
				bad++;
			}
			for (c = 1; c < num_cells; c++)
				if (spi_granted(c, spi[i])) {
					printf("#   %s: SPI %u (INTID %u) "
					       "also granted by %s\n",
					       path_of(root_dtb, off),
					       spi[i] - 32, spi[i],
					       cells[c].path);
					bad++;
				}
		}
	}
	report("root-spis", bad);
}

/*
 * A device the root's tree hands over: in BOARD_DTB enabled, or
 * "reserved" (kept for firmware, as main_uart1 on the AM625-SK), with
 * enabled ancestors, and not enabled in ROOT_DTB.
 */
static bool is_handed_over(int off)
{
	const char *s = fdt_getprop(board_dtb, off, "status", NULL);
	int o, parent = fdt_parent_offset(board_dtb, off);

	if (off == 0 || (s && strcmp(s, "okay") && strcmp(s, "ok") &&
			 strcmp(s, "reserved")) || !enabled(board_dtb, parent))
		return false;
	o = fdt_path_offset(root_dtb, path_of(board_dtb, off));
	return o < 0 || !enabled(root_dtb, o);
}

/* Is [start, start+size) in the pages of a device handed over? */
static bool handed_over(uint64_t start, uint64_t size)
{
	struct range r[32];
	int off, n, i;

	fdt_for_each_node(off, board_dtb) {
		if (!is_handed_over(off))
			continue;
		n = device_ranges(board_dtb, off, r, 32);
		for (i = 0; i < n; i++)
			if (start >= (r[i].start & ~0xfffull) &&
			    start + size <= ((r[i].start + r[i].size + 0xfff) &
					     ~0xfffull))
				return true;
	}
	return false;
}

/* Is INTID @intid an SPI of a device handed over (see is_handed_over)? */
static bool handed_over_spi(uint32_t intid)
{
	static uint32_t spi[MAX_SPIS];
	int off, n, i;

	fdt_for_each_node(off, board_dtb) {
		if (!is_handed_over(off))
			continue;
		n = node_spis(board_dtb, off, spi);
		for (i = 0; i < n; i++)
			if (spi[i] == intid)
				return true;
	}
	return false;
}

/* Every SPI a non-root cell takes is a handed-over device's or virtual. */
static int check_cell_spis(int c)
{
	const struct jailhouse_cell_desc *d = cells[c].desc;
	uint32_t intid, vpci = 32 + d->vpci_irq_base;
	int bad = 0;

	for (intid = 32; intid < 32 + MAX_SPIS; intid++) {
		if (!spi_granted(c, intid) ||
		    (d->num_pci_devices && intid >= vpci && intid < vpci + 4) ||
		    handed_over_spi(intid))
			continue;
		printf("#   %s: SPI %u (INTID %u) is no SPI of a device the "
		       "root's device tree hands over\n", cells[c].path,
		       intid - 32, intid);
		bad++;
	}
	return bad;
}

static void check_handed_over(void)
{
	const struct jailhouse_memory *m;
	struct range r[32];
	int off, n, i, c, bad = 0, handed = 0;
	uint32_t k, nm;

	fdt_for_each_node(off, board_dtb) {
		if (!is_handed_over(off))
			continue;
		n = device_ranges(board_dtb, off, r, 32);
		for (i = 0; i < n; i++) {
			handed++;
			if (overlapping(0, r[i].start, r[i].size)) {
				print_range("handed-over device", board_dtb,
					    off, &r[i], "is in a root region");
				bad++;
			}
		}
	}
	for (c = 1; c < num_cells; c++) {
		m = regions(c, &nm);
		for (k = 0; k < nm; k++) {
			if (!(m[k].flags & JAILHOUSE_MEM_IO) ||
			    handed_over(m[k].phys_start, m[k].size))
				continue;
			printf("#   %s: device region 0x%llx+0x%llx is no "
			       "device the root's device tree hands over\n",
			       cells[c].path,
			       (unsigned long long)m[k].phys_start,
			       (unsigned long long)m[k].size);
			bad++;
		}
	}
	for (c = 1; c < num_cells; c++)
		bad += check_cell_spis(c);
	printf("#   %d device ranges handed over\n", handed);
	report("handed-over", bad);
}

static void check_gic(void)
{
	const struct jailhouse_memory *m;
	struct range r[8];
	int off, n, i, c, bad = 0, found = 0;
	uint32_t k, nm;

	fdt_for_each_node(off, board_dtb) {
		if (!is_gic(board_dtb, off))
			continue;
		n = reg_ranges(board_dtb, off, r, 8);
		for (i = 0; i < n; i++, found++)
			for (c = 0; c < num_cells; c++) {
				m = regions(c, &nm);
				for (k = 0; k < nm; k++) {
					if (!m[k].size || (m[k].flags &
					    JAILHOUSE_MEM_COMM_REGION) ||
					    !overlaps(r[i].start, r[i].size,
						      m[k].phys_start,
						      m[k].size))
						continue;
					print_range("interrupt controller",
						    board_dtb, off, &r[i],
						    "overlaps");
					printf("#     0x%llx+0x%llx of %s\n",
					       (unsigned long long)
					       m[k].phys_start,
					       (unsigned long long)m[k].size,
					       cells[c].path);
					bad++;
				}
			}
	}
	report("gic", bad || !found);
}

/*
 * The hypervisor neither uses nor virtualises the ITS (cells see a GIC
 * without LPIs): a root Linux that found an enabled ITS node would set
 * up LPI tables on every redistributor before the hypervisor comes.
 */
static void check_no_its(void)
{
	int off, bad = 0;

	fdt_for_each_node(off, root_dtb) {
		if (fdt_node_check_compatible(root_dtb, off,
					      "arm,gic-v3-its") ||
		    !enabled(root_dtb, off))
			continue;
		printf("#   root tree: ITS %s is enabled, expected status "
		       "\"disabled\" (configs/jailhouse-dtb.sh)\n",
		       path_of(root_dtb, off));
		bad++;
	}
	report("no-its", bad);
}

/* Is [a, a+s) inside a no-map reserved-memory node of the root's tree? */
static bool reserved_no_map(uint64_t a, uint64_t s)
{
	int top = fdt_path_offset(root_dtb, "/reserved-memory"), off, n, i;
	struct range r[4];

	fdt_for_each_subnode(off, root_dtb, top) {
		if (!fdt_getprop(root_dtb, off, "no-map", NULL))
			continue;
		n = reg_ranges(root_dtb, off, r, 4);
		for (i = 0; i < n; i++)
			if (a >= r[i].start && a + s <= r[i].start + r[i].size)
				return true;
	}
	return false;
}

/* Walks memory ranges in 64 KiB steps: every mapped step is root RAM. */
static int check_mapped_memory(void)
{
	struct range r[8];
	int off, n, i, bad = 0;
	uint64_t a;

	fdt_for_each_node(off, root_dtb) {
		const char *t = fdt_getprop(root_dtb, off, "device_type",
					    NULL);

		if (!t || strcmp(t, "memory") || !enabled(root_dtb, off))
			continue;
		n = reg_ranges(root_dtb, off, r, 8);
		for (i = 0; i < n; i++)
			for (a = r[i].start; a < r[i].start + r[i].size;
			     a += 0x10000) {
				if (reserved_no_map(a, 0x10000) ||
				    covered(0, a, 0x10000))
					continue;
				printf("#   %s: 0x%llx is mapped by the root's "
				       "Linux, not root cell RAM\n",
				       path_of(root_dtb, off),
				       (unsigned long long)a);
				bad++;
				break;
			}
	}
	return bad;
}

static void check_root_memory(void)
{
	const struct jailhouse_memory *m;
	int c, bad = check_mapped_memory();
	uint32_t k, nm;

	if (!reserved_no_map(sys->hypervisor_memory.phys_start,
			     sys->hypervisor_memory.size)) {
		printf("#   hypervisor memory 0x%llx+0x%llx is not reserved "
		       "no-map in the root's device tree\n",
		       (unsigned long long)sys->hypervisor_memory.phys_start,
		       (unsigned long long)sys->hypervisor_memory.size);
		bad++;
	}
	for (c = 1; c < num_cells; c++) {
		m = regions(c, &nm);
		for (k = 0; k < nm; k++) {
			if (!m[k].size || (m[k].flags & (JAILHOUSE_MEM_IO |
					   JAILHOUSE_MEM_COMM_REGION)) ||
			    reserved_no_map(m[k].phys_start, m[k].size))
				continue;
			printf("#   %s: RAM 0x%llx+0x%llx is not reserved "
			       "no-map in the root's device tree\n",
			       cells[c].path,
			       (unsigned long long)m[k].phys_start,
			       (unsigned long long)m[k].size);
			bad++;
		}
	}
	report("root-memory", bad);
}

static void check_vpci_spis(void)
{
	static uint32_t spi[MAX_SPIS];
	int off, n, i, c, pin, bad = 0;

	for (c = 0; c < num_cells; c++) {
		uint32_t base = 32 + cells[c].desc->vpci_irq_base;

		if (!cells[c].desc->num_pci_devices)
			continue;
		fdt_for_each_node(off, board_dtb) {
			n = node_spis(board_dtb, off, spi);
			for (i = 0; i < n; i++)
				for (pin = 0; pin < 4; pin++) {
					if (spi[i] != base + pin)
						continue;
					printf("#   %s: virtual PCI INTx SPI "
					       "%u (INTID %u) is used by %s\n",
					       cells[c].path, spi[i] - 32,
					       spi[i],
					       path_of(board_dtb, off));
					bad++;
				}
		}
	}
	report("vpci-spis", bad);
}

static void *load_dtb(const char *path)
{
	size_t size;
	void *fdt = load_file(path, &size);

	if (fdt && (fdt_check_header(fdt) || fdt_totalsize(fdt) > size)) {
		fprintf(stderr, "%s is not a flattened device tree\n", path);
		free(fdt);
		fdt = NULL;
	}
	return fdt;
}

static bool load_cell(struct cell *c, const char *path, bool root)
{
	size_t size;

	c->path = path;
	c->buf = load_file(path, &size);
	if (!c->buf)
		return false;
	if (root && size >= sizeof(*sys) &&
	    !memcmp(c->buf, JAILHOUSE_SYSTEM_SIGNATURE, 5) &&
	    size >= jailhouse_system_config_size(c->buf)) {
		sys = c->buf;
		c->desc = &sys->root_cell;
		return true;
	}
	if (!root && size >= sizeof(*c->desc) &&
	    !memcmp(c->buf, JAILHOUSE_CELL_DESC_SIGNATURE, 5) &&
	    size >= jailhouse_cell_config_size(c->buf)) {
		c->desc = c->buf;
		return true;
	}
	fprintf(stderr, "%s is not a %s configuration\n", path,
		root ? "system" : "cell");
	return false;
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 5 || argc - 4 > JAILHOUSE_MAX_CELLS) {
		fprintf(stderr, "usage: %s BOARD BOARD_DTB ROOT_DTB ROOT_CELL "
			"[CELL ...]\n", argv[0]);
		return 2;
	}
	board = argv[1];
	board_dtb = load_dtb(argv[2]);
	root_dtb = load_dtb(argv[3]);
	if (!board_dtb || !root_dtb) {
		report("inputs", 1);
		return 2;
	}
	for (i = 4; i < argc; i++)
		if (!load_cell(&cells[num_cells++], argv[i], i == 4)) {
			report("inputs", 1);
			return 2;
		}

	check_root_devices();
	check_root_spis();
	check_handed_over();
	check_gic();
	check_no_its();
	check_root_memory();
	check_vpci_spis();

	for (i = 0; i < num_cells; i++)
		free(cells[i].buf);
	free(board_dtb);
	free(root_dtb);
	return failed;
}
