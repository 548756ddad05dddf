// SPDX-License-Identifier: MIT
/*
 * Console selection and printk(). The console is the UART described by the
 * platform (communication region, command line or built-in default); if
 * there is none but the hypervisor permits it, characters go through the
 * DEBUG_CONSOLE_PUTC hypercall.
 */
#include <inmate.h>

#define HVC_IMM			0x4a48
#define HC_DEBUG_CONSOLE_PUTC	8

static unsigned int regdist(void)
{
	return (platform.con_flags & CON_REGDIST_4) ? 4 : 1;
}

void hypercall_putc(char c)
{
	register u64 x0 asm("x0") = HC_DEBUG_CONSOLE_PUTC;
	register u64 x1 asm("x1") = (u8)c;

	asm volatile("hvc #" __stringify(HVC_IMM)
		     : "+r" (x0) : "r" (x1) : "x2", "x3", "memory");
}

void console_init(void)
{
	switch (platform.con_type) {
	case CON_TYPE_PL011:
		uart_pl011_init(platform.con_base, platform.con_divider);
		break;
	case CON_TYPE_8250:
		uart_8250_init(platform.con_base, regdist(),
			       platform.con_divider);
		break;
	default:
		break;
	}
}

static void console_raw_putc(char c)
{
	switch (platform.con_type) {
	case CON_TYPE_PL011:
		uart_pl011_putc(platform.con_base, c);
		break;
	case CON_TYPE_8250:
		uart_8250_putc(platform.con_base, regdist(), c);
		break;
	default:
		if (platform.con_hypercall)
			hypercall_putc(c);
		break;
	}
}

void console_putc(char c)
{
	if (c == '\n')
		console_raw_putc('\r');
	console_raw_putc(c);
}

void console_write(const char *s)
{
	while (*s)
		console_putc(*s++);
}

static void printk_out(char c, void *ctx)
{
	(void)ctx;
	console_putc(c);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = format_v(printk_out, NULL, fmt, ap);
	va_end(ap);
	return len;
}
