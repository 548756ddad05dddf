// SPDX-License-Identifier: MIT
/*
 * tools/: the "jailhouse" command line tool. Talks to /dev/jailhouse
 * (include/jailhouse/ioctl.h) and validates configs with the same code the
 * hypervisor uses (hypervisor/core/config-check.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jailhouse/cell-config.h>
#include <jailhouse/config-check.h>
#include <jailhouse/ioctl.h>

#define JAILHOUSE_DEVICE	"/dev/jailhouse"
#define JAILHOUSE_SYSFS		"/sys/devices/jailhouse"

#if defined(__aarch64__)
#define HOST_ARCH		JAILHOUSE_ARM64
#elif defined(__arm__)
#define HOST_ARCH		JAILHOUSE_ARM
#else
#define HOST_ARCH		JAILHOUSE_ARM64	/* host-side checks */
#endif

static void help(FILE *out)
{
	fprintf(out,
		"Usage: jailhouse { COMMAND | --help | --version }\n"
		"\n"
		"Commands:\n"
		"   enable SYSCONFIG      start the hypervisor; Linux becomes "
		"the root cell\n"
		"   disable               stop the hypervisor, give the "
		"machine back to Linux\n"
		"   console [-f | --follow]\n"
		"                         print the hypervisor console "
		"(-f: keep following)\n"
		"   cell create CELLCONFIG\n"
		"                         create a cell; its CPUs leave Linux\n"
		"   cell list             list the cells (id, name, state, "
		"CPUs)\n"
		"   cell load {ID|[--name] NAME} {IMAGE | -s STRING} "
		"[-a ADDRESS] ...\n"
		"                         stop the cell, load images into its "
		"memory\n"
		"   cell start|shutdown|destroy|stats {ID|[--name] NAME}\n"
		"   config check SYSCONFIG [CELLCONFIG...]\n"
		"                         validate configuration files\n"
		"\n"
		"Exit status: 0 success, 1 the operation failed (the message "
		"says why), 2 usage error.\n");
}

static void report_stderr(void *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", (const char *)ctx);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static void *read_file(const char *name, size_t *size)
{
	struct stat st;
	char *buf;
	ssize_t r;
	size_t done = 0;
	int fd;

	fd = open(name, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "jailhouse: cannot open '%s': %s\n", name,
			strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "jailhouse: '%s' is not a regular file\n",
			name);
		close(fd);
		return NULL;
	}
	buf = malloc(st.st_size ? st.st_size : 1);
	if (!buf) {
		fprintf(stderr, "jailhouse: out of memory reading '%s'\n",
			name);
		close(fd);
		return NULL;
	}
	while (done < (size_t)st.st_size) {
		r = read(fd, buf + done, st.st_size - done);
		if (r <= 0) {
			fprintf(stderr, "jailhouse: reading '%s': %s\n", name,
				r ? strerror(errno) : "unexpected end");
			free(buf);
			close(fd);
			return NULL;
		}
		done += r;
	}
	close(fd);
	*size = done;
	return buf;
}

static int open_dev(void)
{
	int fd = open(JAILHOUSE_DEVICE, O_RDWR);

	if (fd < 0) {
		fprintf(stderr, "jailhouse: cannot open %s: %s\n",
			JAILHOUSE_DEVICE, strerror(errno));
		if (errno == ENOENT)
			fprintf(stderr, "jailhouse: is the driver loaded? "
				"Try 'modprobe jailhouse'.\n");
	}
	return fd;
}

static int enable(int argc, char *argv[])
{
	size_t size;
	void *config;
	int fd, err;

	if (argc != 3) {
		fprintf(stderr, "Usage: jailhouse enable SYSCONFIG\n");
		return 2;
	}
	config = read_file(argv[2], &size);
	if (!config)
		return 1;
	err = jailhouse_check_system_config(config, size, HOST_ARCH,
					    report_stderr, argv[2]);
	if (err) {
		fprintf(stderr, "jailhouse: enable: '%s' is not a valid "
			"system configuration\n", argv[2]);
		free(config);
		return 1;
	}
	fd = open_dev();
	if (fd < 0) {
		free(config);
		return 1;
	}
	err = ioctl(fd, JAILHOUSE_ENABLE, config);
	if (err) {
		err = errno;
		fprintf(stderr, "jailhouse: enable failed: %s\n",
			strerror(err));
		switch (err) {
		case EBUSY:
			fprintf(stderr, "jailhouse: the hypervisor is already "
				"enabled ('jailhouse disable' first)\n");
			break;
		case ENOENT:
			fprintf(stderr, "jailhouse: firmware jailhouse.bin not "
				"found in /lib/firmware\n");
			break;
		default:
			fprintf(stderr, "jailhouse: see the kernel log "
				"(dmesg) and 'jailhouse console' for "
				"details\n");
		}
	}
	close(fd);
	free(config);
	return err ? 1 : 0;
}

static int disable(int argc, char *argv[])
{
	int fd, err;

	if (argc != 2) {
		fprintf(stderr, "Usage: jailhouse disable\n");
		return 2;
	}
	fd = open_dev();
	if (fd < 0)
		return 1;
	err = ioctl(fd, JAILHOUSE_DISABLE);
	if (err) {
		err = errno;
		fprintf(stderr, "jailhouse: disable failed: %s\n",
			strerror(err));
		if (err == EINVAL)
			fprintf(stderr, "jailhouse: the hypervisor is not "
				"enabled\n");
		else if (err == EBUSY)
			fprintf(stderr, "jailhouse: non-root cells still "
				"exist: destroy them first\n");
	}
	close(fd);
	return err ? 1 : 0;
}

static int console(int argc, char *argv[])
{
	int follow = 0, fd;
	char buf[4096];
	ssize_t n;

	if (argc == 3 && (!strcmp(argv[2], "-f") ||
			  !strcmp(argv[2], "--follow"))) {
		follow = 1;
	} else if (argc != 2) {
		fprintf(stderr, "Usage: jailhouse console [-f | --follow]\n");
		return 2;
	}
	fd = open(JAILHOUSE_DEVICE, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "jailhouse: cannot open %s: %s\n",
			JAILHOUSE_DEVICE, strerror(errno));
		return 1;
	}
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "jailhouse: reading the console: "
				"%s\n", strerror(errno));
			close(fd);
			return 1;
		}
		if (n == 0) {
			if (!follow)
				break;
			usleep(100000);
			continue;
		}
		if (fwrite(buf, 1, n, stdout) != (size_t)n)
			break;
		fflush(stdout);
	}
	close(fd);
	return 0;
}

/* Reads a one-line sysfs attribute without its newline ("" if absent). */
static void read_attr(const char *dir, const char *name, char *buf,
		      size_t size)
{
	char path[256];
	size_t n = 0;
	FILE *f;

	buf[0] = 0;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(buf, size, f))
		n = strcspn(buf, "\n");
	buf[n] = 0;
	fclose(f);
}

static int cell_list(void)
{
	char dir[128], name[64], state[32], cpus[64], failed[64];
	int id, found = 0;

	if (access(JAILHOUSE_SYSFS "/cells", F_OK)) {
		fprintf(stderr, "jailhouse: %s/cells missing: is the driver "
			"loaded? Try 'modprobe jailhouse'.\n",
			JAILHOUSE_SYSFS);
		return 1;
	}
	printf("%-8s%-24s%-18s%-24s%s\n", "ID", "Name", "State",
	       "Assigned CPUs", "Failed CPUs");
	for (id = 0; id < 256; id++) {
		snprintf(dir, sizeof(dir), JAILHOUSE_SYSFS "/cells/%d", id);
		if (access(dir, F_OK))
			continue;
		read_attr(dir, "name", name, sizeof(name));
		read_attr(dir, "state", state, sizeof(state));
		read_attr(dir, "cpus_assigned_list", cpus, sizeof(cpus));
		read_attr(dir, "cpus_failed_list", failed, sizeof(failed));
		printf("%-8d%-24s%-18s%-24s%s\n", id, name, state, cpus,
		       failed);
		found++;
	}
	if (!found)
		fprintf(stderr, "jailhouse: no cells: the hypervisor is not "
			"enabled\n");
	return 0;
}

/* {ID | [--name] NAME} at argv[*arg]; advances *arg past it */
static int parse_cell_id(int argc, char *argv[], int *arg,
			 struct jailhouse_cell_id *id)
{
	const char *s;
	char *end;
	long v;

	memset(id, 0, sizeof(*id));
	if (*arg >= argc)
		return -1;
	s = argv[(*arg)++];
	if (!strcmp(s, "--name")) {
		if (*arg >= argc)
			return -1;
		s = argv[(*arg)++];
	} else {
		v = strtol(s, &end, 0);
		if (*s && !*end) {
			id->id = v;
			return 0;
		}
	}
	if (strlen(s) >= sizeof(id->name)) {
		fprintf(stderr, "jailhouse: cell name '%s' too long (at most "
			"%zu characters)\n", s, sizeof(id->name) - 1);
		return -1;
	}
	id->id = JAILHOUSE_CELL_ID_UNUSED;
	strcpy(id->name, s);
	return 0;
}

/* The sysfs id of the cell @id names (by id or name), or -1. */
static int sysfs_cell(const struct jailhouse_cell_id *id, char *dir,
		      size_t size)
{
	char name[64];
	int n;

	for (n = 0; n < 256; n++) {
		snprintf(dir, size, JAILHOUSE_SYSFS "/cells/%d", n);
		if (access(dir, F_OK))
			continue;
		read_attr(dir, "name", name, sizeof(name));
		if (id->id == JAILHOUSE_CELL_ID_UNUSED ?
		    !strcmp(name, id->name) : id->id == (__s32)n)
			return n;
	}
	return -1;
}

/*
 * The root cell (id 0, or its name) is not a target of the cell commands:
 * refuse it here with a message saying what to do instead.
 */
static int refuse_root(const struct jailhouse_cell_id *id, const char *cmd,
		       const char *verb)
{
	char dir[128], name[64] = "";

	if (id->id != 0 && sysfs_cell(id, dir, sizeof(dir)) != 0)
		return 0;
	read_attr(JAILHOUSE_SYSFS "/cells/0", "name", name, sizeof(name));
	fprintf(stderr, "jailhouse: cell %s: cell 0%s%s%s is the root cell "
		"(Linux): it cannot be %s%s\n", cmd, *name ? " \"" : "", name,
		*name ? "\"" : "", verb, strcmp(cmd, "destroy") ? "" :
		"; use 'jailhouse disable' to stop the hypervisor");
	return 1;
}

/* What the driver's errno means for @what, where strerror misleads. */
static int ioctl_hint(const char *what, int err)
{
	if (!strcmp(what, "cell start") && err == ENOEXEC) {
		fprintf(stderr, "jailhouse: cell start: no image was loaded "
			"into the cell since it was created: load one first "
			"('jailhouse cell load CELL IMAGE [-a ADDRESS]')\n");
		return 1;
	}
	return 0;
}

static int cell_ioctl(unsigned long cmd, void *arg, const char *what)
{
	int fd, ret;

	fd = open_dev();
	if (fd < 0)
		return 1;
	ret = ioctl(fd, cmd, arg);	/* cell create: the new cell's id */
	if (ret < 0 && !ioctl_hint(what, errno))
		fprintf(stderr, "jailhouse: %s failed: %s (details: dmesg, "
			"'jailhouse console')\n", what, strerror(errno));
	close(fd);
	return ret < 0 ? 1 : 0;
}

static int cell_create(int argc, char *argv[])
{
	struct jailhouse_cell_create req = { 0 };
	size_t size;
	void *config;
	int ret;

	if (argc != 4) {
		fprintf(stderr, "Usage: jailhouse cell create CELLCONFIG\n");
		return 2;
	}
	config = read_file(argv[3], &size);
	if (!config)
		return 1;
	if (jailhouse_check_cell_config(config, size, HOST_ARCH,
					report_stderr, argv[3])) {
		fprintf(stderr, "jailhouse: cell create: '%s' is not a valid "
			"cell configuration\n", argv[3]);
		free(config);
		return 1;
	}
	req.config_address = (unsigned long)config;
	req.config_size = size;
	ret = cell_ioctl(JAILHOUSE_CELL_CREATE, &req, "cell create");
	free(config);
	return ret;
}

/* inmates read their command line from this area (inmates/README.md) */
#define CMDLINE_ADDR		0x1000ULL
#define CMDLINE_SIZE		0x1000ULL

/* A -s string must fit the command-line area, and stay inside it. */
static int check_string(const struct jailhouse_preload_image *img)
{
	unsigned long long start = img->target_address, end;

	end = start + img->size;
	if (img->size > CMDLINE_SIZE) {
		fprintf(stderr, "jailhouse: cell load: string of %llu bytes "
			"(with its NUL) is larger than the %llu-byte "
			"command-line area at 0x%llx; nothing loaded\n",
			(unsigned long long)img->size, CMDLINE_SIZE,
			CMDLINE_ADDR);
		return -1;
	}
	if (start >= CMDLINE_ADDR && start < CMDLINE_ADDR + CMDLINE_SIZE &&
	    end > CMDLINE_ADDR + CMDLINE_SIZE) {
		fprintf(stderr, "jailhouse: cell load: string of %llu bytes at "
			"0x%llx runs past the end of the %llu-byte "
			"command-line area 0x%llx-0x%llx; nothing loaded\n",
			(unsigned long long)img->size, start, CMDLINE_SIZE,
			CMDLINE_ADDR, CMDLINE_ADDR + CMDLINE_SIZE - 1);
		return -1;
	}
	return 0;
}

/* Does [addr, addr + size) lie in one range of "A-B, C-D" (inclusive)? */
static int fits(const char *ranges, unsigned long long addr,
		unsigned long long size)
{
	unsigned long long lo, hi;
	const char *p = ranges;
	char *end;

	while (*p) {
		lo = strtoull(p, &end, 0);
		if (end == p || *end != '-')
			return 0;
		hi = strtoull(end + 1, &end, 0);
		if (addr >= lo && addr <= hi && size <= hi - addr + 1)
			return 1;
		p = end + strspn(end, ", ");
	}
	return 0;
}

/*
 * Every image inside the cell's loadable memory, as the driver will
 * check it, but named as the user gave it. Without the sysfs file (an
 * older driver) the driver's own check and message remain.
 */
static int check_images(const struct jailhouse_cell_load *load,
			char *const names[])
{
	char dir[128], cell[64], ranges[4096];
	const struct jailhouse_preload_image *img;
	unsigned int n;

	if (sysfs_cell(&load->cell_id, dir, sizeof(dir)) < 0)
		return 0;
	read_attr(dir, "loadable", ranges, sizeof(ranges));
	read_attr(dir, "name", cell, sizeof(cell));
	if (!*ranges)
		return 0;
	for (n = 0; n < load->num_preload_images; n++) {
		img = &load->image[n];
		if (fits(ranges, img->target_address, img->size))
			continue;
		fprintf(stderr, "jailhouse: cell load: %s (%llu bytes at "
			"0x%llx) does not fit in the loadable memory of cell "
			"\"%s\" (loadable: %s); nothing loaded\n", names[n],
			(unsigned long long)img->size,
			(unsigned long long)img->target_address, cell, ranges);
		return -1;
	}
	return 0;
}

/* "image 'FILE'" or "string 'TEXT'" (shortened) for the messages */
static char *image_name(const char *kind, const char *text)
{
	int string = !strcmp(kind, "string");
	size_t len = strlen(kind) + strlen(text) + 8;
	char *name = malloc(len);

	if (name)
		snprintf(name, len, "%s '%.*s%s'", kind,
			 string ? 24 : (int)strlen(text), text,
			 string && strlen(text) > 24 ? "..." : "");
	return name;
}

static int cell_load(int argc, char *argv[])
{
	struct jailhouse_cell_load *load;
	struct jailhouse_preload_image *img;
	int arg = 3, n = 0, ret = 2;
	char **names;
	size_t size;
	char *end;

	load = calloc(1, sizeof(*load) + argc * sizeof(*img));
	names = calloc(argc, sizeof(*names));
	if (!load || !names || parse_cell_id(argc, argv, &arg,
					     &load->cell_id))
		goto usage;
	if (arg >= argc)
		goto usage;
	if (refuse_root(&load->cell_id, "load", "loaded")) {
		ret = 1;
		goto out;
	}
	while (arg < argc) {
		img = &load->image[n];
		if (!strcmp(argv[arg], "-s") || !strcmp(argv[arg], "--string")) {
			if (++arg >= argc)
				goto usage;
			img->source_address = (unsigned long)argv[arg];
			img->size = strlen(argv[arg]) + 1;
			names[n] = image_name("string", argv[arg]);
		} else {
			void *data = read_file(argv[arg], &size);

			if (!data) {
				ret = 1;
				goto out;
			}
			img->source_address = (unsigned long)data;
			img->size = size;
			names[n] = image_name("image", argv[arg]);
		}
		arg++;
		if (arg < argc && (!strcmp(argv[arg], "-a") ||
				   !strcmp(argv[arg], "--address"))) {
			if (++arg >= argc)
				goto usage;
			img->target_address = strtoull(argv[arg], &end, 0);
			if (*end) {
				fprintf(stderr, "jailhouse: bad address "
					"'%s'\n", argv[arg]);
				goto out;
			}
			arg++;
		}
		if (names[n] && !strncmp(names[n], "string", 6) &&
		    check_string(img)) {
			ret = 1;
			goto out;
		}
		if (!names[n])
			goto usage;
		n++;
	}
	load->num_preload_images = n;
	ret = 1;
	if (!check_images(load, names))
		ret = cell_ioctl(JAILHOUSE_CELL_LOAD, load, "cell load");
	goto out;
usage:
	fprintf(stderr, "Usage: jailhouse cell load {ID|[--name] NAME} "
		"{IMAGE | -s STRING} [-a ADDRESS] ...\n");
out:
	if (names)
		for (n = 0; n < argc; n++)
			free(names[n]);
	free(names);
	free(load);
	return ret;
}

static int cell_simple(int argc, char *argv[])
{
	struct jailhouse_cell_load load;
	const char *cmd = argv[2];
	int arg = 3;

	memset(&load, 0, sizeof(load));
	if (parse_cell_id(argc, argv, &arg, &load.cell_id) || arg != argc) {
		fprintf(stderr, "Usage: jailhouse cell %s {ID|[--name] "
			"NAME}\n", cmd);
		return 2;
	}
	if (refuse_root(&load.cell_id, cmd, !strcmp(cmd, "start") ?
			"started" : !strcmp(cmd, "destroy") ? "destroyed" :
			"shut down"))
		return 1;
	if (!strcmp(cmd, "start"))
		return cell_ioctl(JAILHOUSE_CELL_START, &load.cell_id,
				  "cell start");
	if (!strcmp(cmd, "destroy"))
		return cell_ioctl(JAILHOUSE_CELL_DESTROY, &load.cell_id,
				  "cell destroy");
	/* shutdown: a load without images stops the cell */
	return cell_ioctl(JAILHOUSE_CELL_LOAD, &load, "cell shutdown");
}

static int cell_stats(int argc, char *argv[])
{
	static const char *const stats[] = {
		"vmexits_total", "vmexits_mmio", "vmexits_management",
		"vmexits_hypercall", "vmexits_maintenance", "vmexits_virq",
		"vmexits_vsgi", "vmexits_psci", "vmexits_smccc",
	};
	char dir[160], name[64], value[32];
	struct jailhouse_cell_id id;
	int arg = 3, n, found = -1;

	if (parse_cell_id(argc, argv, &arg, &id) || arg != argc) {
		fprintf(stderr, "Usage: jailhouse cell stats {ID|[--name] "
			"NAME}\n");
		return 2;
	}
	found = sysfs_cell(&id, dir, sizeof(dir));
	if (found < 0) {
		fprintf(stderr, "jailhouse: cell stats: no such cell\n");
		return 1;
	}
	snprintf(dir, sizeof(dir), JAILHOUSE_SYSFS "/cells/%d", found);
	read_attr(dir, "name", name, sizeof(name));
	printf("Statistics for cell %d \"%s\" (all its CPUs)\n\n", found,
	       name);
	strncat(dir, "/statistics", sizeof(dir) - strlen(dir) - 1);
	for (n = 0; n < (int)(sizeof(stats) / sizeof(stats[0])); n++) {
		read_attr(dir, stats[n], value, sizeof(value));
		printf("%-24s%12s\n", stats[n], value);
	}
	return 0;
}

static int cell(int argc, char *argv[])
{
	if (argc == 3 && !strcmp(argv[2], "list"))
		return cell_list();
	if (argc >= 3 && !strcmp(argv[2], "stats"))
		return cell_stats(argc, argv);
	if (argc >= 3 && !strcmp(argv[2], "create"))
		return cell_create(argc, argv);
	if (argc >= 3 && !strcmp(argv[2], "load"))
		return cell_load(argc, argv);
	if (argc >= 3 && (!strcmp(argv[2], "start") ||
			  !strcmp(argv[2], "shutdown") ||
			  !strcmp(argv[2], "destroy")))
		return cell_simple(argc, argv);
	fprintf(stderr, "Usage: jailhouse cell {create | list | load | start "
		"| shutdown | destroy | stats} ...\n");
	return 2;
}

static int config_check(int argc, char *argv[])
{
	struct jailhouse_system *sys = NULL;
	int n, bad = 0, err;
	size_t size;
	void *buf;

	if (argc < 4 || strcmp(argv[2], "check")) {
		fprintf(stderr, "Usage: jailhouse config check SYSCONFIG "
			"[CELLCONFIG...]\n");
		return 2;
	}
	for (n = 3; n < argc; n++) {
		buf = read_file(argv[n], &size);
		if (!buf) {
			bad = 1;
			continue;
		}
		if (n == 3) {
			err = jailhouse_check_system_config(buf, size,
				HOST_ARCH, report_stderr, argv[n]);
		} else {
			err = jailhouse_check_cell_config(buf, size,
				HOST_ARCH, report_stderr, argv[n]);
			/* and against the system it is meant for */
			if (!err && sys)
				err = jailhouse_check_cell_for_system(sys, buf,
					report_stderr, argv[n]);
		}
		printf("%s: %s\n", argv[n], err ? "INVALID" : "ok");
		bad |= !!err;
		if (n == 3 && !err)
			sys = buf;	/* kept for the cells */
		else
			free(buf);
	}
	free(sys);
	return bad;
}

int main(int argc, char *argv[])
{
	if (argc < 2) {
		help(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		help(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("jailhouse (clean-room, Jailhouse 0.12 compatible "
		       "interfaces)\n");
		return 0;
	}
	if (!strcmp(argv[1], "enable"))
		return enable(argc, argv);
	if (!strcmp(argv[1], "disable"))
		return disable(argc, argv);
	if (!strcmp(argv[1], "console"))
		return console(argc, argv);
	if (!strcmp(argv[1], "config"))
		return config_check(argc, argv);
	if (!strcmp(argv[1], "cell"))
		return cell(argc, argv);
	fprintf(stderr, "jailhouse: unknown command '%s'\n", argv[1]);
	help(stderr);
	return 2;
}
