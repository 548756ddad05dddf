// SPDX-License-Identifier: MIT
/*
 * fuzz_config.c - libFuzzer target for the shared config validator
 * (config-check/config-check.c): the system config check, the cell
 * config check and the pair check, on hostile files. The input is a
 * config file as "jailhouse config check" reads it:
 *   "JHSYS..."  a system config; if its header describes fewer bytes than
 *               the input holds, the rest is a cell config checked on its
 *               own and, both valid, against that system;
 *   "JHCLL..."  a cell config, checked alone and, if valid, against each
 *               shipped board's system config.
 * Anything else goes to both checks. Each part is copied to a buffer of
 * its exact size so that AddressSanitizer sees any read past its end.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jailhouse/config-check.h>

extern char cfg_qemu_arm64[], cfg_k3_am625_sk[], cfg_k3_am62p5_sk[];

static const void *const boards[] = {
	cfg_qemu_arm64, cfg_k3_am625_sk, cfg_k3_am62p5_sk,
};

/* formats every message: a %s past the config's end is caught too */
static void report(void *ctx, const char *fmt, ...)
{
	static char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
}

static void *dup(const uint8_t *data, size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		abort();
	memcpy(p, data, size);
	return p;
}

static void cell_part(const struct jailhouse_system *sys,
		      const uint8_t *data, size_t size)
{
	void *cell = dup(data, size);
	unsigned int n;

	if (jailhouse_check_cell_config(cell, size, JAILHOUSE_ARM64, report,
					NULL))
		goto out;
	if (sys)
		jailhouse_check_cell_for_system(sys, cell, report, NULL);
	else
		for (n = 0; n < sizeof(boards) / sizeof(boards[0]); n++)
			jailhouse_check_cell_for_system(boards[n], cell,
							report, NULL);
out:
	free(cell);
}

static void system_part(const uint8_t *data, size_t size)
{
	struct jailhouse_system hdr;
	size_t sys_size = size;
	void *sys;
	int err;

	if (size >= sizeof(hdr)) {
		memcpy(&hdr, data, sizeof(hdr));
		if (jailhouse_system_config_size(&hdr) < size)
			sys_size = jailhouse_system_config_size(&hdr);
	}
	sys = dup(data, sys_size);
	err = jailhouse_check_system_config(sys, sys_size, JAILHOUSE_ARM64,
					    report, NULL);
	if (sys_size < size)
		cell_part(err ? NULL : sys, data + sys_size, size - sys_size);
	free(sys);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 5 && !memcmp(data, JAILHOUSE_SYSTEM_SIGNATURE, 5)) {
		system_part(data, size);
	} else if (size >= 5 && !memcmp(data, JAILHOUSE_CELL_DESC_SIGNATURE,
					5)) {
		cell_part(NULL, data, size);
	} else {
		system_part(data, size);
		cell_part(NULL, data, size);
	}
	return 0;
}
