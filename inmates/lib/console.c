// SPDX-License-Identifier: MIT
/*
 * Console selection and printk(). The console is the UART described by the
 * platform (communication region, command line or built-in default); if
 * there is none but the hypervisor permits it, characters go through the
 * DEBUG_CONSOLE_PUTC hypercall.
 */
#include <inmate.h>

static unsigned int regdist(void)
{
	return (platform.con_flags & JAILHOUSE_CON_REGDIST_4) ? 4 : 1;
}

void hypercall_putc(char c)
{
	jailhouse_call_arg1(JAILHOUSE_HC_DEBUG_CONSOLE_PUTC, (u8)c);
}

void console_init(void)
{
	switch (platform.con_type) {
	case JAILHOUSE_CON_TYPE_PL011:
		uart_pl011_init(platform.con_base, platform.con_divider);
		break;
	case JAILHOUSE_CON_TYPE_8250:
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
	case JAILHOUSE_CON_TYPE_PL011:
		uart_pl011_putc(platform.con_base, c);
		break;
	case JAILHOUSE_CON_TYPE_8250:
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
