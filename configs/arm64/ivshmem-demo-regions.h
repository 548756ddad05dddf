/* SPDX-License-Identifier: MIT */
/*
 * The memory regions a non-root cell lists for the boards' ivshmem demo
 * device (3 peers): state table, R/W section and the 3 output sections,
 * 64 KiB each from @base, shared with the root cell; the cell, peer @id,
 * may write the R/W section and its own output. The counterpart of
 * JAILHOUSE_SHMEM_NET_REGIONS for the demo device.
 */
#ifndef IVSHMEM_DEMO_REGIONS_H
#define IVSHMEM_DEMO_REGIONS_H

#include <jailhouse/cell-config.h>

#define IVSHMEM_DEMO_REGION(addr, writable) {				\
	.phys_start = (addr),						\
	.virt_start = (addr),						\
	.size = 0x10000,						\
	.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_ROOTSHARED |	\
		((writable) ? JAILHOUSE_MEM_WRITE : 0),			\
}

#define IVSHMEM_DEMO_REGIONS(base, id)					\
	IVSHMEM_DEMO_REGION(base, 0),					\
	IVSHMEM_DEMO_REGION((base) + 0x10000, 1),			\
	IVSHMEM_DEMO_REGION((base) + 0x20000, (id) == 0),		\
	IVSHMEM_DEMO_REGION((base) + 0x30000, (id) == 1),		\
	IVSHMEM_DEMO_REGION((base) + 0x40000, (id) == 2)

#endif
