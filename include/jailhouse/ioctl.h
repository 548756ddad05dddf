/* SPDX-License-Identifier: MIT */
/*
 * Interface of the jailhouse.ko driver: ioctls on /dev/jailhouse (type 0).
 * read() on the device returns the hypervisor console.
 */
#ifndef _JAILHOUSE_IOCTL_H
#define _JAILHOUSE_IOCTL_H

#include <jailhouse/types.h>
#include <linux/ioctl.h>

#define JAILHOUSE_CELL_ID_NAMELEN	32
#define JAILHOUSE_CELL_ID_UNUSED	(-1)

struct jailhouse_cell_create {
	__u64 config_address;
	__u32 config_size;
	__u32 padding;
};

struct jailhouse_preload_image {
	__u64 source_address;
	__u64 size;
	__u64 target_address;
	__u64 padding;
};

struct jailhouse_cell_id {
	__s32 id;
	__u32 padding;
	char name[JAILHOUSE_CELL_ID_NAMELEN];
};

struct jailhouse_cell_load {
	struct jailhouse_cell_id cell_id;
	__u32 num_preload_images;
	__u32 padding;
	struct jailhouse_preload_image image[];
};

#define JAILHOUSE_ENABLE	_IOW(0, 0, void *)
#define JAILHOUSE_DISABLE	_IO(0, 1)
#define JAILHOUSE_CELL_CREATE	_IOW(0, 2, struct jailhouse_cell_create)
#define JAILHOUSE_CELL_LOAD	_IOW(0, 3, struct jailhouse_cell_load)
#define JAILHOUSE_CELL_START	_IOW(0, 4, struct jailhouse_cell_id)
#define JAILHOUSE_CELL_DESTROY	_IOW(0, 5, struct jailhouse_cell_id)

JH_STATIC_ASSERT(sizeof(struct jailhouse_cell_create) == 16, "cell_create");
JH_STATIC_ASSERT(sizeof(struct jailhouse_preload_image) == 32,
		 "preload_image");
JH_STATIC_ASSERT(sizeof(struct jailhouse_cell_id) == 40, "cell_id");
JH_STATIC_ASSERT(sizeof(struct jailhouse_cell_load) == 48, "cell_load");

#endif /* _JAILHOUSE_IOCTL_H */
