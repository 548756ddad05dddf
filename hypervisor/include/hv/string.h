/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_STRING_H
#define _HV_STRING_H

#include <hv/types.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
char *strncpy_terminated(char *d, const char *s, size_t size);

#endif
