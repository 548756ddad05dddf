/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_UART_H
#define _ASM_UART_H

#include <hv/types.h>

struct uart;

struct uart_ops {
	void (*init)(struct uart *u);
	void (*putc)(struct uart *u, char c);
};

struct uart {
	u64 base;
	bool regdist4;
	const struct uart_ops *ops;
};

extern const struct uart_ops uart_pl011_ops, uart_8250_ops;

#endif
