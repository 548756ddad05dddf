/* SPDX-License-Identifier: GPL-2.0 */
/* MMIO dispatch: a cell's emulated register ranges and their handlers. */
#ifndef _HV_MMIO_H
#define _HV_MMIO_H

#include <hv/types.h>

struct mmio_access {
	u64 address;	/* guest physical */
	u64 value;
	unsigned int size;
	bool is_write;
};

/*
 * MMIO_MISALIGNED: the access lies in an emulated region but its address
 * is not a multiple of its width. No handler sees it: replayed at EL2 on
 * device memory it would fault inside the hypervisor.
 */
enum mmio_result { MMIO_UNHANDLED, MMIO_HANDLED, MMIO_ERROR,
		   MMIO_MISALIGNED };

typedef enum mmio_result (*mmio_handler_t)(void *arg,
					     struct mmio_access *access);

struct mmio_region {
	u64 start;
	u64 size;
	mmio_handler_t handler;
	void *arg;
};

#define MAX_MMIO_REGIONS	32

struct mmio_table {
	unsigned int count;
	struct mmio_region regions[MAX_MMIO_REGIONS];
};

struct cell;
int mmio_region_register(struct cell *cell, u64 start, u64 size,
			 mmio_handler_t handler, void *arg);
/* Move the region registered with @arg to [start, start + size). */
void mmio_region_move(struct cell *cell, void *arg, u64 start, u64 size);
/* Dispatch @access (size 1, 2, 4 or 8) to the region that contains it. */
enum mmio_result mmio_handle_access(struct cell *cell,
				    struct mmio_access *access);
/* Performs @access on the physical address @phys (mapped at EL2). */
void mmio_perform_access(u64 phys, struct mmio_access *access);

#endif
