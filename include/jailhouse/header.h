/* SPDX-License-Identifier: MIT */
/*
 * Header at the start of jailhouse.bin: how the driver loads the hypervisor
 * and reads its console. This is an interface between our own driver and our
 * own hypervisor only (not part of the Jailhouse-compatible ABI).
 */
#ifndef _JAILHOUSE_HEADER_H
#define _JAILHOUSE_HEADER_H

#include <jailhouse/types.h>

/* 8 bytes with the NUL */
#define JAILHOUSE_HEADER_SIGNATURE	"JHVISOR"
#define JAILHOUSE_HEADER_VERSION	1

/* the whole ring structure fills 4 pages */
#define JAILHOUSE_CONSOLE_SIZE		(16384 - 16)

/* Ring of console text written by the hypervisor, read by the driver. */
struct jailhouse_console_ring {
	volatile __u64 head;	/* total bytes ever written */
	volatile __u32 lock;
	__u32 padding;
	char content[JAILHOUSE_CONSOLE_SIZE];
};

struct jailhouse_header {
	/* filled at build time */
	char signature[8];
	__u32 version;
	__u32 max_cpus;
	__u64 image_size;	/* loaded bytes, page aligned */
	__u64 core_size;	/* image + bss, page aligned */
	__u64 entry;		/* offset of the per-CPU entry point */
	__u64 rela_start;	/* offsets of R_AARCH64_RELATIVE relocations */
	__u64 rela_end;
	__u64 console;		/* offset of the console ring */
	char version_string[32];
	/* filled by the driver before the first CPU enters */
	__u64 phys_base;
	__u64 config_offset;	/* copy of the system config */
	__u64 config_size;
	__u32 online_cpus;	/* number of CPUs that will enter */
	__u32 padding;
};

#endif /* _JAILHOUSE_HEADER_H */
