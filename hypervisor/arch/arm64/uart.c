// SPDX-License-Identifier: GPL-2.0
/* Debug console UART drivers: PL011 and 8250 (polled output only). */
#include <hv/types.h>
#include <asm/uart.h>

#define PL011_DR	0x00
#define PL011_FR	0x18
#define PL011_FR_TXFF	BIT(5)
#define PL011_CR	0x30
#define PL011_CR_EN	(BIT(0) | BIT(8) | BIT(9))
#define PL011_LCRH	0x2c
#define PL011_LCRH_8N1F	(3 << 5 | BIT(4))

#define UART8250_THR	0
#define UART8250_LSR	5
#define UART8250_LSR_THRE BIT(5)

static void pl011_init(struct uart *u)
{
	volatile u32 *base = (volatile u32 *)u->base;

	if (!(base[PL011_CR / 4] & BIT(0))) {
		base[PL011_LCRH / 4] = PL011_LCRH_8N1F;
		base[PL011_CR / 4] = PL011_CR_EN;
	}
}

static void pl011_putc(struct uart *u, char c)
{
	volatile u32 *base = (volatile u32 *)u->base;

	while (base[PL011_FR / 4] & PL011_FR_TXFF)
		;
	base[PL011_DR / 4] = c;
}

static u32 reg8250_read(struct uart *u, unsigned int reg)
{
	if (u->regdist4)
		return *(volatile u32 *)(u->base + reg * 4);
	return *(volatile u8 *)(u->base + reg);
}

static void reg8250_write(struct uart *u, unsigned int reg, u32 v)
{
	if (u->regdist4)
		*(volatile u32 *)(u->base + reg * 4) = v;
	else
		*(volatile u8 *)(u->base + reg) = v;
}

static void uart8250_init(struct uart *u)
{
}

static void uart8250_putc(struct uart *u, char c)
{
	while (!(reg8250_read(u, UART8250_LSR) & UART8250_LSR_THRE))
		;
	reg8250_write(u, UART8250_THR, c);
}

const struct uart_ops uart_pl011_ops = {
	.init = pl011_init, .putc = pl011_putc,
};

const struct uart_ops uart_8250_ops = {
	.init = uart8250_init, .putc = uart8250_putc,
};
