// SPDX-License-Identifier: MIT
/*
 * 8250/16550 compatible UART (memory mapped), transmit only (polled).
 * Registers are 1 or 4 bytes apart (JAILHOUSE_CON_REGDIST_4), accessed
 * with 8-bit or 32-bit operations accordingly.
 */
#include <inmate.h>

#define UART_THR	0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_LCR	3
#define UART_LSR	5

#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define LSR_THRE	0x20

static u32 reg_read(u64 base, unsigned int regdist, unsigned int reg)
{
	if (regdist == 4)
		return mmio_read32(base + reg * 4);
	return mmio_read8(base + reg);
}

static void reg_write(u64 base, unsigned int regdist, unsigned int reg,
		      u32 val)
{
	if (regdist == 4)
		mmio_write32(base + reg * 4, val);
	else
		mmio_write8(base + reg, (u8)val);
}

/* @divider is the 16-bit baud divisor; 0 keeps the current setting. */
void uart_8250_init(u64 base, unsigned int regdist, u32 divider)
{
	if (!divider)
		return;
	reg_write(base, regdist, UART_LCR, LCR_DLAB);
	reg_write(base, regdist, UART_DLL, divider & 0xff);
	reg_write(base, regdist, UART_DLM, (divider >> 8) & 0xff);
	reg_write(base, regdist, UART_LCR, LCR_8N1);
}

void uart_8250_putc(u64 base, unsigned int regdist, char c)
{
	while (!(reg_read(base, regdist, UART_LSR) & LSR_THRE))
		cpu_relax();
	reg_write(base, regdist, UART_THR, (u8)c);
}
