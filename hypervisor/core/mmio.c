// SPDX-License-Identifier: GPL-2.0
/* MMIO dispatch: find the handler of a trapped guest access. */
#include <hv/mmio.h>
#include <hv/cell.h>
#include <hv/printk.h>

int mmio_region_register(struct cell *cell, u64 start, u64 size,
			 mmio_handler_t handler, void *arg)
{
	struct mmio_region *r;

	if (cell->mmio.count >= MAX_MMIO_REGIONS) {
		printk("cell \"%s\": more than %u emulated MMIO regions\n",
		       cell->name, MAX_MMIO_REGIONS);
		return -E2BIG;
	}
	r = &cell->mmio.regions[cell->mmio.count++];
	r->start = start;
	r->size = size;
	r->handler = handler;
	r->arg = arg;
	return 0;
}

void mmio_region_move(struct cell *cell, void *arg, u64 start, u64 size)
{
	struct mmio_region *r;
	unsigned int n;

	for (n = 0; n < cell->mmio.count; n++) {
		r = &cell->mmio.regions[n];
		if (r->arg == arg) {
			r->size = 0;
			__sync_synchronize();
			r->start = start;
			__sync_synchronize();
			r->size = size;
			return;
		}
	}
}

enum mmio_result mmio_handle_access(struct cell *cell,
				    struct mmio_access *access)
{
	struct mmio_region *r;
	unsigned int n;

	for (n = 0; n < cell->mmio.count; n++) {
		r = &cell->mmio.regions[n];
		if (access->address < r->start ||
		    access->address + access->size > r->start + r->size)
			continue;
		if (access->address & (access->size - 1))
			return MMIO_MISALIGNED;
		return r->handler(r->arg, access);
	}
	return MMIO_UNHANDLED;
}

void mmio_perform_access(u64 phys, struct mmio_access *access)
{
	void *p = (void *)phys;

	if (access->is_write) {
		switch (access->size) {
		case 1:
			*(volatile u8 *)p = access->value;
			break;
		case 2:
			*(volatile u16 *)p = access->value;
			break;
		case 4:
			*(volatile u32 *)p = access->value;
			break;
		default:
			*(volatile u64 *)p = access->value;
		}
		return;
	}
	switch (access->size) {
	case 1:
		access->value = *(volatile u8 *)p;
		break;
	case 2:
		access->value = *(volatile u16 *)p;
		break;
	case 4:
		access->value = *(volatile u32 *)p;
		break;
	default:
		access->value = *(volatile u64 *)p;
	}
}
