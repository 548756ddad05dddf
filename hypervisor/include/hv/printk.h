/* SPDX-License-Identifier: GPL-2.0 */
/* Hypervisor console: debug UART plus the ring the driver reads. */
#ifndef _HV_PRINTK_H
#define _HV_PRINTK_H

#include <hv/types.h>

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* what the config validator reports, after "@ctx: " */
void printk_report(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void console_putc(char c);
void console_init(void);

#endif
