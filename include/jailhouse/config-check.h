/* SPDX-License-Identifier: MIT */
/*
 * Validation of system and cell configurations. One freestanding
 * implementation (config-check/config-check.c) is compiled into the
 * hypervisor, the driver, "jailhouse config check", the host tests and
 * the fuzzer (config-check/README.md says how each builds it).
 * Every problem found is reported through @report with what was wrong and
 * what was expected; the return value is 0 or a negative errno.
 */
#ifndef _JAILHOUSE_CONFIG_CHECK_H
#define _JAILHOUSE_CONFIG_CHECK_H

#include <jailhouse/cell-config.h>

typedef void (*jailhouse_report_t)(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define JH_CHECK_EINVAL		22
#define JH_CHECK_ERANGE		34

/*
 * Checks a system (root cell) configuration of @size bytes for
 * architecture @arch (JAILHOUSE_ARM64...).
 */
int jailhouse_check_system_config(const void *config, unsigned long size,
				  unsigned int arch, jailhouse_report_t report,
				  void *ctx);

/* Checks a non-root cell configuration of @size bytes. */
int jailhouse_check_cell_config(const void *config, unsigned long size,
				unsigned int arch, jailhouse_report_t report,
				void *ctx);

/* Checks the cell descriptor and its arrays (common part, size known). */
int jailhouse_check_cell_desc(const struct jailhouse_cell_desc *cell,
			      unsigned long size, jailhouse_report_t report,
			      void *ctx);

/*
 * Checks that a (valid) cell configuration fits a (valid) system one, as
 * "jailhouse cell create" needs: its interrupt controller is the system's,
 * its CPUs are the root cell's but CPU 0, its RAM is root cell RAM.
 * Catches a cell config written for another board.
 */
int jailhouse_check_cell_for_system(const struct jailhouse_system *sys,
				    const struct jailhouse_cell_desc *cell,
				    jailhouse_report_t report, void *ctx);

const char *jailhouse_arch_name(unsigned int arch);

#endif /* _JAILHOUSE_CONFIG_CHECK_H */
