/* SPDX-License-Identifier: GPL-2.0 */
/* Page pool: the hypervisor memory after the image and the config. */
#ifndef _HV_POOL_H
#define _HV_POOL_H

#include <hv/types.h>

int pool_init(u64 start, u64 size);
void pool_enable_locking(void);
void *page_alloc(unsigned int pages);
void *page_zalloc(unsigned int pages, unsigned int align_pages);
void page_free(void *page, unsigned int pages);
unsigned long pool_pages(void);
unsigned long pool_used_pages(void);

#endif
