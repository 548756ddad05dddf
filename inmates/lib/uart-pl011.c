// SPDX-License-Identifier: MIT
/*
 * Arm PL011 UART, transmit only (polled). Register offsets and bits from
 * the PrimeCell UART (PL011) Technical Reference Manual.
 */
#include <inmate.h>

#define UARTDR		0x00
#define UARTFR		0x18
#define UARTIBRD	0x24
#define UARTFBRD	0x28
#define UARTLCR_H	0x2c
#define UARTCR		0x30

#define FR_BUSY		(1 << 3)
#define FR_TXFF		(1 << 5)
#define LCR_H_FEN	(1 << 4)
#define LCR_H_WLEN_8	(3 << 5)
#define CR_UARTEN	(1 << 0)
#define CR_TXE		(1 << 8)
#define CR_RXE		(1 << 9)

/*
 * The UART is normally already running (set up by firmware or shared with
 * the hypervisor's debug output). Only reprogram the baud rate when the
 * configuration asks for it: @divider = UARTCLK / baud, in 1/64 units
 * (integer part in bits 31-6, fraction in bits 5-0).
 */
void uart_pl011_init(u64 base, u32 divider)
{
	u32 cr = mmio_read32(base + UARTCR);

	if (divider) {
		while (mmio_read32(base + UARTFR) & FR_BUSY)
			cpu_relax();
		mmio_write32(base + UARTCR, 0);
		mmio_write32(base + UARTIBRD, divider >> 6);
		mmio_write32(base + UARTFBRD, divider & 0x3f);
		mmio_write32(base + UARTLCR_H, LCR_H_WLEN_8 | LCR_H_FEN);
		cr = 0;
	}
	if ((cr & (CR_UARTEN | CR_TXE)) != (CR_UARTEN | CR_TXE))
		mmio_write32(base + UARTCR, cr | CR_UARTEN | CR_TXE | CR_RXE);
}

void uart_pl011_putc(u64 base, char c)
{
	while (mmio_read32(base + UARTFR) & FR_TXFF)
		cpu_relax();
	mmio_write32(base + UARTDR, (u8)c);
}
