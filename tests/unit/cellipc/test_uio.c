// SPDX-License-Identifier: MIT
/*
 * test_uio.c - the uio backend against a fake sysfs tree and a regular
 * file standing in for /dev/uioN (mmap at offset K * page size selects map
 * K, as uio does): device search, map discovery by name, register layout
 * of state, doorbell and interrupt control.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "testutil.h"

struct fake {
	char root[64];
	char sys[96];
	char dev[96];
};

static void put(const char *dir, const char *file, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void mkdirs(const char *path)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", path);
	assert_int_equal(system(cmd), 0);
}

/*
 * uioN as an ivshmem v2 device of protocol proto at PCI address bdf, with
 * maps registers, state_table, [rw_section,] input_sections, output_section.
 */
static void add_uio(struct fake *f, unsigned int n, const char *bdf,
		    unsigned int vendor, unsigned int proto, int with_rw,
		    uint32_t id)
{
	const char *names[5] = { "registers", "state_table", "rw_section",
				 "input_sections", "output_section" };
	unsigned int sizes[5] = { 4096, 4096, 4096, 3 * 4096, 4096 };
	char d[512], pcidir[512], link[600], buf[64];
	unsigned int k = 0, i;
	uint32_t regs[2] = { id, 3 };
	int fd;

	snprintf(pcidir, sizeof(pcidir), "%s/devices/pci0/%s", f->sys, bdf);
	mkdirs(pcidir);
	snprintf(buf, sizeof(buf), "0x%04x\n", vendor);
	put(pcidir, "vendor", buf);
	put(pcidir, "device", "0x4106\n");
	snprintf(buf, sizeof(buf), "0xff%04x\n", proto);
	put(pcidir, "class", buf);
	snprintf(d, sizeof(d), "%s/class/uio/uio%u", f->sys, n);
	mkdirs(d);
	snprintf(link, sizeof(link), "%s/device", d);
	assert_int_equal(symlink(pcidir, link), 0);
	for (i = 0; i < 5; i++) {
		char m[600];

		if (i == 2 && !with_rw)
			continue;
		snprintf(m, sizeof(m), "%s/maps/map%u", d, k++);
		mkdirs(m);
		put(m, "name", names[i]);
		snprintf(buf, sizeof(buf), "0x%08x\n", sizes[i]);
		put(m, "size", buf);
	}
	/* the "device node": k maps, each selected by offset k * page */
	snprintf(d, sizeof(d), "%s/uio%u", f->dev, n);
	fd = open(d, O_CREAT | O_RDWR, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 8 * 4096), 0);
	assert_int_equal(pwrite(fd, regs, sizeof(regs), 0), sizeof(regs));
	close(fd);
}

static void fake_make(struct fake *f)
{
	snprintf(f->root, sizeof(f->root), "/tmp/cellipc-uio-XXXXXX");
	assert_non_null(mkdtemp(f->root));
	snprintf(f->sys, sizeof(f->sys), "%s/sys", f->root);
	snprintf(f->dev, sizeof(f->dev), "%s/dev", f->root);
	mkdirs(f->sys);
	mkdirs(f->dev);
	{
		char d[200];

		snprintf(d, sizeof(d), "%s/class/uio", f->sys);
		mkdirs(d);
	}
}

static void fake_clean(struct fake *f)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->root);
	assert_int_equal(system(cmd), 0);
}

static void params(struct cellipc_params *p, struct fake *f, char *err,
		   size_t len)
{
	memset(p, 0, sizeof(*p));
	p->sysfs_root = f->sys;
	p->dev_root = f->dev;
	p->errbuf = err;
	p->errbuf_len = len;
}

static uint32_t reg(struct fake *f, unsigned int n, unsigned int off)
{
	char path[200];
	uint32_t v = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/uio%u", f->dev, n);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &v, 4, off), 4);
	close(fd);
	return v;
}

static void test_find(void **state)
{
	struct cellipc_params p;
	char path[256], err[256] = "";
	struct fake f;

	(void)state;
	fake_make(&f);
	params(&p, &f, err, sizeof(err));
	assert_int_equal(cellipc_find_uio(NULL, CELLIPC_PROTO_ANY, &p, path,
					  sizeof(path)), -ENOENT);
	add_uio(&f, 0, "0000:00:02.0", 0x1af4, 0, 0, 0);	/* not ivshmem */
	add_uio(&f, 1, "0001:00:00.0", 0x110a, 0x0000, 1, 0);
	add_uio(&f, 2, "0001:00:01.0", 0x110a, 0x0001, 0, 1);
	assert_int_equal(cellipc_find_uio(NULL, CELLIPC_PROTO_ANY, &p, path,
					  sizeof(path)), 0);
	assert_non_null(strstr(path, "/dev/uio1"));
	assert_int_equal(cellipc_find_uio(NULL, CELLIPC_PROTO_NET, &p, path,
					  sizeof(path)), 0);
	assert_non_null(strstr(path, "/dev/uio2"));
	assert_int_equal(cellipc_find_uio("0001:00:01.0", CELLIPC_PROTO_ANY,
					  &p, path, sizeof(path)), 0);
	assert_non_null(strstr(path, "/dev/uio2"));
	/* without the domain */
	assert_int_equal(cellipc_find_uio("00:00.0", CELLIPC_PROTO_ANY, &p,
					  path, sizeof(path)), 0);
	assert_non_null(strstr(path, "/dev/uio1"));
	assert_int_equal(cellipc_find_uio("0001:00:01.0", 0x0000, &p, path,
					  sizeof(path)), -ENOENT);
	assert_non_null(strstr(err, "0x110a"));
	assert_int_equal(cellipc_find_uio(NULL, 0, &p, path, 4), -ENAMETOOLONG);
	fake_clean(&f);
}

static void test_open_maps_and_registers(void **state)
{
	struct cellipc_params p;
	struct cellipc_info info;
	struct cellipc *c;
	char err[256] = "";
	struct fake f;
	size_t sz;

	(void)state;
	fake_make(&f);
	params(&p, &f, err, sizeof(err));
	add_uio(&f, 0, "0000:00:02.0", 0x1af4, 0, 0, 0);
	add_uio(&f, 3, "0001:00:00.0", 0x110a, 0x0000, 0, 2);
	add_uio(&f, 4, "0001:00:01.0", 0x110a, 0x0001, 1, 1);

	assert_int_equal(cellipc_open("uio0", &p, &c), -ENODEV);
	assert_non_null(strstr(err, "not an ivshmem"));

	/* without an R/W section: the later maps shift */
	assert_int_equal(cellipc_open("uio3", &p, &c), 0);
	assert_int_equal(cellipc_get_info(c, &info), 0);
	assert_int_equal(info.backend, CELLIPC_BACKEND_UIO);
	assert_int_equal(info.id, 2);
	assert_int_equal(info.max_peers, 3);
	assert_int_equal(info.protocol, 0);
	assert_int_equal(info.rw_section_size, 0);
	assert_int_equal(info.output_section_size, 4096);
	assert_null(cellipc_rw_section(c, &sz));
	assert_int_equal(sz, 0);
	assert_non_null(cellipc_output_section(c, &sz));
	assert_int_equal(sz, 4096);

	/* registers: state at 0x10, doorbell at 0x0c, interrupt control 0x08 */
	assert_int_equal(cellipc_state_set(c, 0xabcd), 0);
	assert_int_equal(reg(&f, 3, 0x10), 0xabcd);
	assert_int_equal(cellipc_doorbell(c, 1, 5), 0);
	assert_int_equal(reg(&f, 3, 0x0c), 5u | 1u << 16);
	assert_int_equal(cellipc_doorbell(c, 3, 0), -EINVAL);
	assert_int_equal(cellipc_doorbell(c, 0, 0x10000), -EINVAL);
	assert_int_equal(cellipc_irq_enable(c), 0);
	assert_int_equal(reg(&f, 3, 0x08), 1);
	cellipc_close(c);

	/* by PCI address, with an R/W section */
	assert_int_equal(cellipc_open("pci:0001:00:01.0", &p, &c), 0);
	assert_int_equal(cellipc_id(c), 1);
	assert_non_null(cellipc_rw_section(c, &sz));
	assert_int_equal(sz, 4096);
	cellipc_close(c);
	/* by protocol */
	assert_int_equal(cellipc_open("proto:1", &p, &c), 0);
	assert_int_equal(cellipc_id(c), 1);
	cellipc_close(c);
	fake_clean(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_open_maps_and_registers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
