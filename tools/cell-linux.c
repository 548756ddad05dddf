// SPDX-License-Identifier: MIT
/*
 * tools/: "jailhouse cell linux": creates a cell from its config, loads
 * linux-loader, an arm64 kernel Image, an initramfs and a device tree into
 * it and starts it. The addresses come from the cell's loadable RAM; the
 * device tree's /chosen (bootargs, linux,initrd-start/end) and /memory are
 * set with libfdt. With -w the edited device tree is written to a file and
 * the equivalent "jailhouse cell" commands are printed instead.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <jailhouse/config-check.h>

#include "jailhouse.h"

#define LINUX_LOADER		"/usr/libexec/jailhouse/linux-loader.bin"
#define SZ_64K			0x10000ULL
#define SZ_2M			0x200000ULL

/* arm64 Image header (the kernel's booting.rst): offsets, magic */
#define IMAGE_TEXT_OFFSET	0x08
#define IMAGE_SIZE		0x10
#define IMAGE_MAGIC		0x38
#define IMAGE_HEADER_SIZE	0x40
#define IMAGE_MAGIC_ARM64	0x644d5241	/* "ARM\x64" */

/* room the edits may need in the device tree, besides the command line */
#define DTB_SLACK		4096

struct blob {
	const char *file;
	void *data;
	size_t size;
};

struct linux_params {
	const char *config_file, *dtb_file, *initrd_file, *cmdline;
	const char *write_file, *loader_file;
	double decomp_factor;
	struct blob config, loader, kernel, initrd, dtb;
	char name[JAILHOUSE_CELL_NAME_MAXLEN + 1];
	/* guest addresses */
	unsigned long long ram_start, ram_end;	/* the RAM region given */
	unsigned long long kernel_addr, kernel_mem, initrd_addr, dtb_addr;
	char loader_args[128];
};

/* Also part of "jailhouse cell --help" and jailhouse-cell(8). */
void cell_linux_options(FILE *out)
{
	fprintf(out,
		"Options of cell linux:\n"
		"  -h, --help\n"
		"        Print the help of cell linux.\n"
		"  -d, --dtb DTB\n"
		"        Device tree of the cell's Linux (required on arm64).\n"
		"  -i, --initrd INITRD\n"
		"        Initramfs, of any size that fits the cell's RAM after "
		"the kernel.\n"
		"  -c, --cmdline CMDLINE\n"
		"        Kernel command line (/chosen bootargs); default: the "
		"device tree's.\n"
		"  -w, --write-params FILE\n"
		"        Write the edited device tree to FILE and print the "
		"jailhouse cell\n"
		"        commands that boot it, instead of running them.\n"
		"  -a, --arch ARCH\n"
		"        Target architecture: arm64, the only one supported.\n"
		"  -k, --kernel-decomp-factor FACTOR\n"
		"        Reserve FACTOR (1 to 64) times the kernel file size "
		"for the kernel, if\n"
		"        that is more than the image_size of its header "
		"(default 1).\n"
		"\n"
		"Environment:\n"
		"  JAILHOUSE_LINUX_LOADER\n"
		"        The linux-loader image of cell linux (default\n"
		"        " LINUX_LOADER ").\n");
}

void cell_linux_help(FILE *out)
{
	fprintf(out,
		"Usage: jailhouse cell linux [-d DTB] [-i INITRD] "
		"[-c CMDLINE] [-w FILE]\n"
		"                            [-a ARCH] [-k FACTOR] CELLCONFIG "
		"KERNEL\n"
		"\n"
		"Create the cell of CELLCONFIG, load linux-loader, the arm64 "
		"kernel Image\n"
		"KERNEL, the initramfs and the device tree into its RAM (the "
		"largest loadable\n"
		"region of CELLCONFIG) and start it.\n"
		"\n");
	cell_linux_options(out);
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "jailhouse: cell linux: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nUsage: jailhouse cell linux [-d DTB] [-i INITRD] "
		"[-c CMDLINE] [-w FILE] [-a ARCH] [-k FACTOR] CELLCONFIG "
		"KERNEL\n('jailhouse cell linux --help' for more)\n");
	return 2;
}

static int check_arch(const char *arch)
{
	if (!strcmp(arch, "arm64") || !strcmp(arch, "aarch64"))
		return 0;
	fprintf(stderr, "jailhouse: cell linux: architecture '%s' is not "
		"supported: this jailhouse boots arm64 kernels only "
		"(-a arm64)\n", arch);
	return 1;
}

/* 0, 1 (error, said), 2 (usage), 3 (--help) */
static int parse_args(int argc, char *argv[], struct linux_params *p)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "dtb", required_argument, NULL, 'd' },
		{ "initrd", required_argument, NULL, 'i' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "write-params", required_argument, NULL, 'w' },
		{ "arch", required_argument, NULL, 'a' },
		{ "kernel-decomp-factor", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":hd:i:c:w:a:k:", opts,
				NULL)) != -1) {
		switch (c) {
		case 'h':
			return 3;
		case 'd':
			p->dtb_file = optarg;
			break;
		case 'i':
			p->initrd_file = optarg;
			break;
		case 'c':
			p->cmdline = optarg;
			break;
		case 'w':
			p->write_file = optarg;
			break;
		case 'a':
			if (check_arch(optarg))
				return 1;
			break;
		case 'k':
			p->decomp_factor = strtod(optarg, &end);
			if (*end || end == optarg || p->decomp_factor < 1 ||
			    p->decomp_factor > 64)
				return usage_error("-k FACTOR: '%s' is not a "
						   "number from 1 to 64",
						   optarg);
			break;
		case ':':
			return usage_error("option '%s' needs an argument",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'",
					   argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return usage_error("%s", argc - optind < 2 ?
				   "CELLCONFIG and KERNEL expected" :
				   "too many arguments");
	p->config_file = argv[optind];
	p->kernel.file = argv[optind + 1];
	if (!p->dtb_file)
		return usage_error("%s", "-d DTB is required: an arm64 "
				   "kernel boots with a device tree");
	return 0;
}

static int read_blob(struct blob *b, const char *file)
{
	b->file = file;
	b->data = read_file(file, &b->size);
	return b->data ? 0 : 1;
}

static unsigned long long align_up(unsigned long long v,
				   unsigned long long a)
{
	return (v + a - 1) & ~(a - 1);
}

static uint64_t get_le64(const void *p)
{
	const unsigned char *b = p;
	uint64_t v = 0;
	int n;

	for (n = 7; n >= 0; n--)
		v = v << 8 | b[n];
	return v;
}

/*
 * The cell's RAM: its largest loadable region that is not I/O or the
 * communication region; linux-loader goes to guest address 0, which
 * must be loadable as well.
 */
static int find_ram(struct linux_params *p)
{
	const struct jailhouse_cell_desc *cell = p->config.data;
	const struct jailhouse_memory *mem = jailhouse_cell_mem_regions(cell);
	const struct jailhouse_memory *ram = NULL, *low = NULL;
	unsigned int n;

	for (n = 0; n < cell->num_memory_regions; n++) {
		if (!(mem[n].flags & JAILHOUSE_MEM_LOADABLE) ||
		    mem[n].flags & (JAILHOUSE_MEM_IO |
				    JAILHOUSE_MEM_COMM_REGION))
			continue;
		if (mem[n].virt_start == 0)
			low = &mem[n];
		if (!ram || mem[n].size > ram->size)
			ram = &mem[n];
	}
	if (!ram) {
		fprintf(stderr, "jailhouse: cell linux: cell \"%s\" of '%s' "
			"has no loadable RAM (a memory region flagged "
			"JAILHOUSE_MEM_LOADABLE) to load Linux into\n",
			p->name, p->config_file);
		return 1;
	}
	if (!low || low->size < CMDLINE_ADDR + CMDLINE_SIZE) {
		fprintf(stderr, "jailhouse: cell linux: cell \"%s\" of '%s' "
			"has no loadable region of at least 0x%llx bytes at "
			"guest address 0 for linux-loader and its command "
			"line\n", p->name, p->config_file,
			CMDLINE_ADDR + CMDLINE_SIZE);
		return 1;
	}
	p->ram_start = ram->virt_start;
	p->ram_end = ram->virt_start + ram->size;
	if (ram == low)		/* Linux's RAM starts after the loader */
		p->ram_start = align_up(p->loader.size > CMDLINE_ADDR +
					CMDLINE_SIZE ? p->loader.size :
					CMDLINE_ADDR + CMDLINE_SIZE, SZ_64K);
	if (p->loader.size > low->size) {
		fprintf(stderr, "jailhouse: cell linux: linux-loader '%s' "
			"(%zu bytes) is larger than the loadable region "
			"0x0-0x%llx of cell \"%s\"\n", p->loader.file,
			p->loader.size, (unsigned long long)low->size - 1,
			p->name);
		return 1;
	}
	return 0;
}

static void ram_text(const struct linux_params *p, char *buf, size_t size)
{
	snprintf(buf, size, "0x%llx-0x%llx (%llu MiB)", p->ram_start,
		 p->ram_end - 1, (p->ram_end - p->ram_start) >> 20);
}

static int check_kernel(struct linux_params *p, unsigned long long *text)
{
	const unsigned char *img = p->kernel.data;
	unsigned long long mem;

	if (p->kernel.size < IMAGE_HEADER_SIZE ||
	    (uint32_t)get_le64(img + IMAGE_MAGIC) != IMAGE_MAGIC_ARM64) {
		fprintf(stderr, "jailhouse: cell linux: '%s' is not an arm64 "
			"kernel Image (no \"ARM\\x64\" magic at offset 0x%x; "
			"a compressed Image.gz must be uncompressed "
			"first)\n", p->kernel.file, IMAGE_MAGIC);
		return 1;
	}
	*text = get_le64(img + IMAGE_TEXT_OFFSET);
	mem = get_le64(img + IMAGE_SIZE);
	if (mem < p->kernel.size)
		mem = p->kernel.size;		/* pre-3.17 header: 0 */
	if (p->decomp_factor * p->kernel.size > mem)
		mem = p->decomp_factor * p->kernel.size;
	p->kernel_mem = align_up(mem, 8);
	return 0;
}

/*
 * Layout in the RAM: device tree at its start, the kernel at the next
 * 2 MiB boundary (plus text_offset) with room for image_size, the
 * initramfs at the 2 MiB boundary after that.
 */
static int plan_layout(struct linux_params *p, size_t dtb_size)
{
	unsigned long long text, initrd_end;
	char ram[80];

	if (check_kernel(p, &text))
		return 1;
	ram_text(p, ram, sizeof(ram));
	p->dtb_addr = align_up(p->ram_start, 8);
	p->kernel_addr = align_up(p->dtb_addr + dtb_size, SZ_2M) + text;
	if (p->kernel_addr + p->kernel_mem > p->ram_end) {
		fprintf(stderr, "jailhouse: cell linux: kernel '%s' needs "
			"%llu bytes at 0x%llx (image_size of its header%s), "
			"more than the RAM of cell \"%s\" holds: %s\n",
			p->kernel.file, p->kernel_mem, p->kernel_addr,
			p->decomp_factor > 1 ? ", or -k times its size" : "",
			p->name, ram);
		return 1;
	}
	p->initrd_addr = align_up(p->kernel_addr + p->kernel_mem, SZ_2M);
	if (!p->initrd_file)
		return 0;
	initrd_end = p->initrd_addr + p->initrd.size;
	if (p->initrd_addr > p->ram_end || initrd_end > p->ram_end) {
		fprintf(stderr, "jailhouse: cell linux: initramfs '%s' (%zu "
			"bytes) does not fit the RAM of cell \"%s\" after the "
			"kernel: it would end at 0x%llx, the RAM is %s with "
			"%llu bytes free from 0x%llx\n", p->initrd.file,
			p->initrd.size, p->name, initrd_end - 1, ram,
			p->initrd_addr < p->ram_end ?
			p->ram_end - p->initrd_addr : 0, p->initrd_addr);
		return 1;
	}
	return 0;
}

static int fdt_error(const struct linux_params *p, const char *what, int err)
{
	fprintf(stderr, "jailhouse: cell linux: device tree '%s': %s: %s\n",
		p->dtb_file, what, fdt_strerror(err));
	return 1;
}

static int set_u64(void *fdt, int node, const char *name, uint64_t v)
{
	return fdt_setprop_u64(fdt, node, name, v);
}

/* Memory nodes after @keep describe RAM the cell does not have: gone. */
static int drop_other_memory(void *fdt, int keep,
			     const struct linux_params *p)
{
	int node, err;

	for (;;) {
		node = fdt_node_offset_by_prop_value(fdt, keep, "device_type",
						     "memory",
						     sizeof("memory"));
		if (node == -FDT_ERR_NOTFOUND)
			return 0;
		err = node < 0 ? node : fdt_del_node(fdt, node);
		if (err)
			return fdt_error(p, "extra /memory node", err);
	}
}

/* /memory reg: the cell's RAM, in the root's #address/#size-cells */
static int set_memory(void *fdt, const struct linux_params *p)
{
	int root_ac = fdt_address_cells(fdt, 0);
	int root_sc = fdt_size_cells(fdt, 0);
	unsigned long long size = p->ram_end - p->ram_start;
	fdt32_t reg[4];
	int node, n = 0, err;
	char name[32];

	if (root_ac < 1 || root_ac > 2 || root_sc < 1 || root_sc > 2)
		return fdt_error(p, "#address-cells/#size-cells of / not 1 "
				 "or 2", -FDT_ERR_BADNCELLS);
	if ((root_ac == 1 && p->ram_end - 1 > UINT32_MAX) ||
	    (root_sc == 1 && size > UINT32_MAX))
		return fdt_error(p, "the cell's RAM does not fit 1-cell "
				 "/memory reg", -FDT_ERR_BADNCELLS);
	snprintf(name, sizeof(name), "memory@%llx", p->ram_start);
	node = fdt_node_offset_by_prop_value(fdt, -1, "device_type",
					     "memory", sizeof("memory"));
	if (node == -FDT_ERR_NOTFOUND) {
		node = fdt_add_subnode(fdt, 0, name);
		if (node >= 0)
			node = fdt_setprop_string(fdt, node, "device_type",
						  "memory") ?: node;
	} else if (node >= 0) {
		/* its unit address follows its reg */
		node = fdt_set_name(fdt, node, name) ?: node;
	}
	if (node < 0)
		return fdt_error(p, "/memory", node);
	if (root_ac == 2)
		reg[n++] = cpu_to_fdt32(p->ram_start >> 32);
	reg[n++] = cpu_to_fdt32(p->ram_start);
	if (root_sc == 2)
		reg[n++] = cpu_to_fdt32(size >> 32);
	reg[n++] = cpu_to_fdt32(size);
	err = fdt_setprop(fdt, node, "reg", reg, n * sizeof(reg[0]));
	if (err)
		return fdt_error(p, "/memory reg", err);
	return drop_other_memory(fdt, node, p);
}

static int set_chosen(void *fdt, const struct linux_params *p)
{
	int node = fdt_path_offset(fdt, "/chosen"), err = 0;

	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(fdt, 0, "chosen");
	if (node < 0)
		return fdt_error(p, "/chosen", node);
	if (p->cmdline)
		err = fdt_setprop_string(fdt, node, "bootargs", p->cmdline);
	if (err)
		return fdt_error(p, "/chosen bootargs", err);
	if (p->initrd_file) {
		err = set_u64(fdt, node, "linux,initrd-start",
			      p->initrd_addr);
		if (!err)
			err = set_u64(fdt, node, "linux,initrd-end",
				      p->initrd_addr + p->initrd.size);
		return err ? fdt_error(p, "/chosen linux,initrd-*", err) : 0;
	}
	/* no initramfs: nothing stale for the kernel or linux-loader */
	fdt_delprop(fdt, node, "linux,initrd-start");
	fdt_delprop(fdt, node, "linux,initrd-end");
	return 0;
}

/* The edited device tree in p->dtb.data (replacing the file's). */
static int edit_dtb(struct linux_params *p, struct blob *orig)
{
	size_t size = orig->size + DTB_SLACK +
		(p->cmdline ? strlen(p->cmdline) : 0);
	void *fdt;
	int err;

	err = fdt_check_header(orig->data);
	if (!err && fdt_totalsize(orig->data) > orig->size)
		err = -FDT_ERR_TRUNCATED;
	if (err)
		return fdt_error(p, "not a flattened device tree", err);
	free(p->dtb.data);
	fdt = malloc(size);
	if (!fdt) {
		fprintf(stderr, "jailhouse: cell linux: out of memory\n");
		return 1;
	}
	p->dtb.data = fdt;
	p->dtb.file = p->write_file ? p->write_file : p->dtb_file;
	err = fdt_open_into(orig->data, fdt, size);
	if (err)
		return fdt_error(p, "cannot open", err);
	if (set_chosen(fdt, p) || set_memory(fdt, p))
		return 1;
	err = fdt_pack(fdt);
	if (err)
		return fdt_error(p, "cannot pack", err);
	p->dtb.size = fdt_totalsize(fdt);
	if (p->dtb.size > SZ_2M) {
		fprintf(stderr, "jailhouse: cell linux: device tree '%s' is "
			"%zu bytes, more than the 2 MiB an arm64 kernel "
			"accepts\n", p->dtb_file, p->dtb.size);
		return 1;
	}
	return 0;
}

/* @s as the shell must see it: quoted unless plain */
static void print_word(const char *s)
{
	const char *c;

	if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX"
			 "YZ0123456789._-/=+:,@") == strlen(s)) {
		printf("%s", s);
		return;
	}
	printf("'");
	for (c = s; *c; c++)
		if (*c == '\'')
			printf("'\\''");
		else
			putchar(*c);
	printf("'");
}

static void print_arg(const char *s)
{
	printf(" ");
	print_word(s);
}

static void print_image(const struct blob *b, unsigned long long addr)
{
	printf(" \\\n\t");
	print_word(b->file);
	printf(" -a 0x%llx", addr);
}

static int write_params(const struct linux_params *p)
{
	FILE *f = fopen(p->write_file, "w");

	if (!f || fwrite(p->dtb.data, 1, p->dtb.size, f) != p->dtb.size ||
	    fclose(f)) {
		fprintf(stderr, "jailhouse: cell linux: cannot write '%s': "
			"%s\n", p->write_file, strerror(errno));
		return 1;
	}
	printf("Parameters (the cell's device tree) written to '%s'. Boot "
	       "the cell with:\n\n", p->write_file);
	printf("jailhouse cell create");
	print_arg(p->config_file);
	printf("\njailhouse cell load");
	print_arg(p->name);
	print_image(&p->loader, 0);
	printf(" \\\n\t-s");
	print_arg(p->loader_args);
	printf(" -a 0x%llx", CMDLINE_ADDR);
	print_image(&p->kernel, p->kernel_addr);
	if (p->initrd_file)
		print_image(&p->initrd, p->initrd_addr);
	print_image(&p->dtb, p->dtb_addr);
	printf("\njailhouse cell start");
	print_arg(p->name);
	printf("\n");
	return 0;
}

static void add_image(struct jailhouse_cell_load *load, char **names,
		      const void *data, size_t size,
		      unsigned long long addr, const char *kind,
		      const char *file)
{
	struct jailhouse_preload_image *img;
	size_t len = strlen(kind) + strlen(file) + 4;
	unsigned int n = load->num_preload_images++;

	img = &load->image[n];
	img->source_address = (unsigned long)data;
	img->size = size;
	img->target_address = addr;
	names[n] = malloc(len);
	if (names[n])
		snprintf(names[n], len, "%s '%s'", kind, file);
}

static int load_and_start(const struct linux_params *p)
{
	struct jailhouse_cell_load *load;
	char *names[5] = { NULL };
	int ret = 1, n;

	load = calloc(1, sizeof(*load) + 5 * sizeof(load->image[0]));
	if (!load) {
		fprintf(stderr, "jailhouse: cell linux: out of memory\n");
		return 1;
	}
	load->cell_id.id = JAILHOUSE_CELL_ID_UNUSED;
	strcpy(load->cell_id.name, p->name);
	add_image(load, names, p->loader.data, p->loader.size, 0,
		  "linux-loader", p->loader.file);
	add_image(load, names, p->loader_args, strlen(p->loader_args) + 1,
		  CMDLINE_ADDR, "string", p->loader_args);
	add_image(load, names, p->kernel.data, p->kernel.size,
		  p->kernel_addr, "kernel", p->kernel.file);
	if (p->initrd_file)
		add_image(load, names, p->initrd.data, p->initrd.size,
			  p->initrd_addr, "initramfs", p->initrd.file);
	add_image(load, names, p->dtb.data, p->dtb.size, p->dtb_addr,
		  "device tree", p->dtb_file);
	if (!load_cell(load, names))
		ret = cell_ioctl(JAILHOUSE_CELL_START, &load->cell_id,
				 "cell start");
	for (n = 0; n < 5; n++)
		free(names[n]);
	free(load);
	return ret;
}

/* Create, load, start; a cell that did not start is destroyed again. */
static int boot_cell(struct linux_params *p)
{
	struct jailhouse_cell_id id = { .id = JAILHOUSE_CELL_ID_UNUSED };

	if (create_cell(p->config.data, p->config.size, p->config_file))
		return 1;
	if (!load_and_start(p)) {
		printf("Cell \"%s\" started: Linux %s%s%s\n", p->name,
		       p->kernel.file, p->initrd_file ? " with initramfs " :
		       "", p->initrd_file ? p->initrd_file : "");
		return 0;
	}
	strcpy(id.name, p->name);
	if (!cell_ioctl(JAILHOUSE_CELL_DESTROY, &id, "cell destroy"))
		fprintf(stderr, "jailhouse: cell linux: cell \"%s\" "
			"destroyed again: it did not start\n", p->name);
	return 1;
}

static int read_inputs(struct linux_params *p, struct blob *dtb)
{
	const struct jailhouse_cell_desc *cell;
	const char *loader = getenv("JAILHOUSE_LINUX_LOADER");

	if (read_blob(&p->config, p->config_file))
		return 1;
	if (jailhouse_check_cell_config(p->config.data, p->config.size,
					HOST_ARCH, report_stderr,
					(void *)p->config_file)) {
		fprintf(stderr, "jailhouse: cell linux: '%s' is not a valid "
			"cell configuration\n", p->config_file);
		return 1;
	}
	cell = p->config.data;
	memcpy(p->name, cell->name, JAILHOUSE_CELL_NAME_MAXLEN);
	p->name[JAILHOUSE_CELL_NAME_MAXLEN] = 0;
	if (read_blob(&p->loader, loader && *loader ? loader : LINUX_LOADER))
		return 1;
	if (read_blob(&p->kernel, p->kernel.file) ||
	    read_blob(dtb, p->dtb_file))
		return 1;
	return p->initrd_file ? read_blob(&p->initrd, p->initrd_file) : 0;
}

int cell_linux(int argc, char *argv[])
{
	struct linux_params p = { .decomp_factor = 1 };
	struct blob dtb = { 0 };
	int ret;

	ret = parse_args(argc - 2, argv + 2, &p);
	if (ret == 3) {
		cell_linux_help(stdout);
		return 0;
	}
	if (ret)
		return ret;
	ret = 1;
	if (read_inputs(&p, &dtb) || find_ram(&p))
		goto out;
	/* the edited tree's size decides where the kernel goes */
	p.initrd_addr = p.ram_end;
	if (edit_dtb(&p, &dtb) ||
	    plan_layout(&p, p.dtb.size + DTB_SLACK) ||
	    edit_dtb(&p, &dtb))
		goto out;
	snprintf(p.loader_args, sizeof(p.loader_args),
		 "kernel=0x%llx dtb=0x%llx", p.kernel_addr, p.dtb_addr);
	if (p.initrd_file)
		snprintf(p.loader_args + strlen(p.loader_args),
			 sizeof(p.loader_args) - strlen(p.loader_args),
			 " initrd-size=%zu", p.initrd.size);
	ret = p.write_file ? write_params(&p) : boot_cell(&p);
out:
	free(p.config.data);
	free(p.loader.data);
	free(p.kernel.data);
	free(p.initrd.data);
	free(p.dtb.data);
	free(dtb.data);
	return ret;
}
