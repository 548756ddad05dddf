// SPDX-License-Identifier: MIT
/*
 * test_open.c - opening sim devices: parameter checks and diagnostics,
 * geometry, section access and protection, the textual spec, strerror;
 * the doorbell FIFOs next to the file go away with their peers.
 */
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>

#include "testutil.h"

static void test_bad_params(void **state)
{
	struct cellipc_params p;
	struct cellipc *c = (struct cellipc *)1;
	char err[256] = "";
	struct tdir t;

	(void)state;
	tdir_make(&t);
	memset(&p, 0, sizeof(p));
	p.errbuf = err;
	p.errbuf_len = sizeof(err);
	assert_int_equal(cellipc_open_sim(NULL, &p, &c), -EINVAL);
	assert_int_equal(cellipc_open_sim(t.path, &p, NULL), -EINVAL);
	/* no file, no CREATE: told what to do */
	assert_int_equal(cellipc_open_sim(t.path, &p, &c), -ENOENT);
	assert_null(c);
	assert_non_null(strstr(err, "CELLIPC_OPEN_CREATE"));
	p.flags = CELLIPC_OPEN_CREATE;
	p.reserved[2] = 1;
	assert_int_equal(cellipc_open_sim(t.path, &p, &c), -EINVAL);
	assert_non_null(strstr(err, "reserved"));
	p.reserved[2] = 0;
	p.output_section_size = 1000;	/* not a page multiple */
	assert_int_equal(cellipc_open_sim(t.path, &p, &c), -EINVAL);
	assert_non_null(strstr(err, "page"));
	p.output_section_size = 0;
	p.max_peers = 100;
	assert_int_equal(cellipc_open_sim(t.path, &p, &c), -EINVAL);
	assert_non_null(strstr(err, "max_peers"));
	p.max_peers = 3;
	p.peer_id = 3;
	assert_int_equal(cellipc_open_sim(t.path, &p, &c), -EINVAL);
	assert_non_null(strstr(err, "peer id 3"));
	tdir_clean(&t);
}

static void test_id_in_use_and_geometry(void **state)
{
	struct cellipc_params p;
	struct cellipc *a, *b = NULL;
	char err[256] = "";
	struct tdir t;

	(void)state;
	tdir_make(&t);
	a = sim_open(t.path, 0, 3, 65536);
	memset(&p, 0, sizeof(p));
	p.errbuf = err;
	p.errbuf_len = sizeof(err);
	p.peer_id = 0;
	assert_int_equal(cellipc_open_sim(t.path, &p, &b), -EBUSY);
	assert_non_null(strstr(err, "in use"));
	/* disagreeing geometry is refused, zero means "what the file says" */
	p.peer_id = 1;
	p.max_peers = 4;
	assert_int_equal(cellipc_open_sim(t.path, &p, &b), -EINVAL);
	assert_non_null(strstr(err, "geometry"));
	p.max_peers = 0;
	assert_int_equal(cellipc_open_sim(t.path, &p, &b), 0);
	assert_int_equal(cellipc_max_peers(b), 3);
	assert_int_equal(cellipc_id(b), 1);
	cellipc_close(b);
	/* after close the id is free again */
	assert_int_equal(cellipc_open_sim(t.path, &p, &b), 0);
	cellipc_close(b);
	cellipc_close(a);
	/* a file that is not a device */
	assert_int_equal(system("echo garbage > /tmp/cellipc-not-a-dev"), 0);
	assert_int_equal(cellipc_open_sim("/tmp/cellipc-not-a-dev", &p, &b), -EINVAL);
	assert_non_null(strstr(err, "magic"));
	unlink("/tmp/cellipc-not-a-dev");
	tdir_clean(&t);
}

static void test_info_and_sections(void **state)
{
	struct cellipc_info info;
	struct cellipc *a, *b;
	size_t sz, rsz;
	uint8_t *rw_a, *out_a;
	const uint8_t *in_b;
	struct tdir t;

	(void)state;
	tdir_make(&t);
	a = sim_open(t.path, 0, 3, 8192);
	b = sim_open(t.path, 2, 3, 8192);
	assert_int_equal(cellipc_get_info(a, &info), 0);
	assert_int_equal(info.id, 0);
	assert_int_equal(info.max_peers, 3);
	assert_int_equal(info.backend, CELLIPC_BACKEND_SIM);
	assert_int_equal(info.rw_section_size, 4096);
	assert_int_equal(info.output_section_size, 8192);
	assert_true(info.state_table_size >= 12);
	rw_a = cellipc_rw_section(a, &rsz);
	assert_non_null(rw_a);
	assert_int_equal(rsz, 4096);
	out_a = cellipc_output_section(a, &sz);
	assert_int_equal(sz, 8192);
	/* R/W section is common; the output section is readable by all */
	rw_a[100] = 42;
	assert_int_equal(((uint8_t *)cellipc_rw_section(b, NULL))[100], 42);
	out_a[8191] = 7;
	in_b = cellipc_peer_section(b, 0, &sz);
	assert_int_equal(in_b[8191], 7);
	assert_null(cellipc_peer_section(b, 3, &sz));
	assert_int_equal(sz, 0);
	assert_ptr_equal(cellipc_peer_section(a, 0, NULL) != NULL, 1);
	assert_non_null(cellipc_state_table(a));
	assert_true(cellipc_fd(a) >= 0);
	assert_int_equal(cellipc_fd(a), cellipc_irq_fd(a));
	cellipc_close(a);
	cellipc_close(b);
	tdir_clean(&t);
}

/*
 * Child writes where the device forbids it: must die of SIGSEGV (under
 * AddressSanitizer its SEGV handler reports and exits non-zero instead).
 */
static void expect_segv(struct cellipc *c, volatile uint8_t *p)
{
	pid_t pid = fork();
	int st;

	assert_true(pid >= 0);
	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL);
		*p = 1;
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true((WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV) ||
		    (WIFEXITED(st) && WEXITSTATUS(st) != 0));
	(void)c;
}

static void test_read_only_mappings(void **state)
{
	struct cellipc *a, *b;
	struct tdir t;

	(void)state;
	tdir_make(&t);
	a = sim_open(t.path, 0, 2, 8192);
	b = sim_open(t.path, 1, 2, 8192);
	expect_segv(a, (volatile uint8_t *)cellipc_state_table(a));
	expect_segv(a, (volatile uint8_t *)cellipc_peer_section(a, 1, NULL));
	expect_segv(b, (volatile uint8_t *)cellipc_peer_section(b, 0, NULL) + 100);
	cellipc_close(a);
	cellipc_close(b);
	tdir_clean(&t);
}

static void test_spec_and_errors(void **state)
{
	struct cellipc_params p;
	struct cellipc *c = NULL;
	char spec[128], err[256] = "";
	struct tdir t;

	(void)state;
	tdir_make(&t);
	memset(&p, 0, sizeof(p));
	p.flags = CELLIPC_OPEN_CREATE;
	p.peer_id = 1;
	p.errbuf = err;
	p.errbuf_len = sizeof(err);
	snprintf(spec, sizeof(spec), "sim:%s", t.path);
	assert_int_equal(cellipc_open(spec, &p, &c), 0);
	assert_int_equal(cellipc_id(c), 1);
	assert_int_equal(cellipc_max_peers(c), 2);
	cellipc_close(c);
	cellipc_close(NULL);
	/* uio specs against an empty sysfs */
	p.sysfs_root = t.dir;
	assert_int_equal(cellipc_open("proto:0x0001", &p, &c), -ENOENT);
	assert_int_equal(cellipc_open("proto:zz", &p, &c), -EINVAL);
	assert_int_equal(cellipc_open("/dev/notuio", &p, &c), -EINVAL);
	assert_non_null(strstr(err, "uioN"));
	assert_string_equal(cellipc_strerror(-EPROTO),
			    "peer's shared memory is corrupted (protocol error)");
	assert_string_equal(cellipc_strerror(0), "success");
	assert_non_null(cellipc_strerror(-12345));
	assert_non_null(cellipc_strerror(-ETIMEDOUT));
	tdir_clean(&t);
}

/* Number of "dev.irq*" entries in t's directory. */
static int count_fifos(const struct tdir *t)
{
	struct dirent *e;
	DIR *d = opendir(t->dir);
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "dev.irq", 7))
			n++;
	closedir(d);
	return n;
}

static int is_fifo(const struct tdir *t, uint32_t id)
{
	char name[128];
	struct stat st;

	snprintf(name, sizeof(name), "%s.irq%u", t->path, id);
	return stat(name, &st) == 0 && S_ISFIFO(st.st_mode);
}

/*
 * Open peer id, check its FIFO is there and reachable by name (a doorbell
 * to itself arrives), close. Returns 0 or the step that failed.
 */
static int open_ring_close(const struct tdir *t, uint32_t id)
{
	struct cellipc_params p;
	struct cellipc *c;
	uint32_t count;
	int ret, i;

	memset(&p, 0, sizeof(p));
	p.peer_id = id;
	ret = cellipc_open_sim(t->path, &p, &c);
	if (ret)
		return 1;
	ret = 0;
	if (!is_fifo(t, id))
		ret = 2;
	else if (cellipc_irq_enable(c) || cellipc_doorbell(c, id, 0))
		ret = 3;
	else {
		/* the FIFO write is synchronous: the interrupt is pending */
		for (i = 0; i < 100; i++)
			if (cellipc_irq_ack(c, &count) == 1)
				break;
		if (i == 100)
			ret = 4;
	}
	cellipc_close(c);
	return ret;
}

static void test_fifos_removed(void **state)
{
	struct cellipc *a, *b;
	struct tdir t;
	pid_t pid;
	int i, st, ret;

	(void)state;
	tdir_make(&t);
	/* each peer's FIFO lives while it has the device open */
	a = sim_open(t.path, 0, 3, 65536);
	b = sim_open(t.path, 1, 3, 65536);
	assert_true(is_fifo(&t, 0) && is_fifo(&t, 1));
	assert_int_equal(count_fifos(&t), 2);
	cellipc_close(a);
	assert_false(is_fifo(&t, 0));
	assert_true(is_fifo(&t, 1));
	cellipc_close(b);
	assert_int_equal(count_fifos(&t), 0);

	/* a peer that died without closing: its FIFO goes at the latest
	 * with the last closer */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct cellipc_params p;
		struct cellipc *c;

		memset(&p, 0, sizeof(p));
		p.peer_id = 2;
		_exit(cellipc_open_sim(t.path, &p, &c) ? 1 : 0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	assert_true(is_fifo(&t, 2));
	a = sim_open(t.path, 0, 3, 65536);
	assert_true(cellipc_irq_ack(a, NULL) >= 0);
	cellipc_close(a);
	assert_int_equal(count_fifos(&t), 0);

	/*
	 * Peers opening while others close: every opener finds its own FIFO
	 * and is reachable through it; nothing is left afterwards.
	 */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		for (i = 0; i < 1000; i++) {
			ret = open_ring_close(&t, 1);
			if (ret)
				_exit(10 + ret);
		}
		_exit(0);
	}
	ret = 0;
	for (i = 0; i < 1000 && !ret; i++)
		ret = open_ring_close(&t, 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_int_equal(ret, 0);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_int_equal(count_fifos(&t), 0);
	tdir_clean(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_params),
		cmocka_unit_test(test_id_in_use_and_geometry),
		cmocka_unit_test(test_info_and_sections),
		cmocka_unit_test(test_read_only_mappings),
		cmocka_unit_test(test_spec_and_errors),
		cmocka_unit_test(test_fifos_removed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
