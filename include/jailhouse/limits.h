/* SPDX-License-Identifier: MIT */
/*
 * Limits of this implementation that the hypervisor, the driver, the
 * tools and the tests must agree on. Not part of the published interface:
 * a config or a cell count beyond them is refused with a message naming
 * the limit.
 */
#ifndef _JAILHOUSE_LIMITS_H
#define _JAILHOUSE_LIMITS_H

/* cells at the same time, the root cell included (ids 0..7) */
#define JAILHOUSE_MAX_CELLS			8

/* bytes of a non-root cell config (64 pages of 4 KiB) */
#define JAILHOUSE_MAX_CELL_CONFIG_SIZE		0x40000UL

/* bytes of a system config, the root cell's included (1 MiB) */
#define JAILHOUSE_MAX_SYSTEM_CONFIG_SIZE	0x100000UL

#endif /* _JAILHOUSE_LIMITS_H */
