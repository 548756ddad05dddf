// SPDX-License-Identifier: GPL-2.0
/* Selects the debug console driver from the system config. */
#include <hv/arch.h>
#include <hv/printk.h>
#include <asm/uart.h>
#include <jailhouse/cell-config.h>

static struct uart dbg_uart;

int arch_dbg_init(const void *console)
{
	const struct jailhouse_console *con = console;
	int err;

	switch (con->type) {
	case JAILHOUSE_CON_TYPE_PL011:
		dbg_uart.ops = &uart_pl011_ops;
		break;
	case JAILHOUSE_CON_TYPE_8250:
		dbg_uart.ops = &uart_8250_ops;
		break;
	case JAILHOUSE_CON_TYPE_NONE:
		return 0;	/* console ring only */
	default:
		return -EINVAL;
	}
	if (!CON_IS_MMIO(con->flags))
		return -EINVAL;
	err = arch_map_device(con->address, con->size ? con->size : 0x1000);
	if (err) {
		dbg_uart.ops = NULL;
		return err;
	}
	dbg_uart.base = con->address;
	dbg_uart.regdist4 = !CON_USES_REGDIST_1(con->flags);
	dbg_uart.ops->init(&dbg_uart);
	return 0;
}

void arch_dbg_putc(char c)
{
	if (dbg_uart.ops)
		dbg_uart.ops->putc(&dbg_uart, c);
}
