// SPDX-License-Identifier: MIT
/*
 * C entry of every inmate: platform discovery, console set-up, then the
 * application's inmate_main().
 *
 * Sources, later ones overriding earlier ones:
 *   1. built-in defaults for QEMU virt (PL011, GICv3 addresses),
 *   2. the communication region, when the hypervisor provides one,
 *   3. the command line: con-type=pl011|8250|none, con-base=ADDR,
 *      con-regdist=1|4, con-divider=N, gicd-base=ADDR, gicr-base=ADDR.
 */
#include <inmate.h>

extern char cmdline_buffer[CMDLINE_SIZE];

struct inmate_platform platform = {
	.con_base = DEFAULT_CON_BASE,
	.con_type = JAILHOUSE_CON_TYPE_PL011,
	.con_flags = JAILHOUSE_CON_ACCESS_MMIO | JAILHOUSE_CON_REGDIST_4,
	.gic_version = 3,
	.gicd_base = DEFAULT_GICD_BASE,
	.gicr_base = DEFAULT_GICR_BASE,
};

const char *cmdline(void)
{
	cmdline_buffer[CMDLINE_SIZE - 1] = 0;
	return cmdline_buffer;
}

static const char *apply_console_type(const char *cl)
{
	char type[8];
	int err;

	err = cmdline_get_str(cl, "con-type", type, sizeof(type));
	if (err == -ENOENT)
		return NULL;
	if (err < 0)
		return "con-type";
	if (!strcmp(type, "pl011"))
		platform.con_type = JAILHOUSE_CON_TYPE_PL011;
	else if (!strcmp(type, "8250"))
		platform.con_type = JAILHOUSE_CON_TYPE_8250;
	else if (!strcmp(type, "none"))
		platform.con_type = JAILHOUSE_CON_TYPE_NONE;
	else
		return "con-type";
	return NULL;
}

/* Returns the name of the first malformed option, or NULL. */
static const char *apply_cmdline(const char *cl)
{
	const char *bad = apply_console_type(cl);
	u64 val;
	int err;

	err = cmdline_get_u64(cl, "con-base", &val);
	if (!err)
		platform.con_base = val;
	else if (err != -ENOENT)
		bad = "con-base";

	err = cmdline_get_u64(cl, "con-regdist", &val);
	if (!err && (val == 1 || val == 4)) {
		platform.con_flags &= ~JAILHOUSE_CON_REGDIST_4;
		if (val == 4)
			platform.con_flags |= JAILHOUSE_CON_REGDIST_4;
	} else if (err != -ENOENT) {
		bad = "con-regdist";
	}

	err = cmdline_get_u64(cl, "con-divider", &val);
	if (!err)
		platform.con_divider = (u32)val;
	else if (err != -ENOENT)
		bad = "con-divider";

	err = cmdline_get_u64(cl, "gicd-base", &val);
	if (!err)
		platform.gicd_base = val;
	else if (err != -ENOENT)
		bad = "gicd-base";

	err = cmdline_get_u64(cl, "gicr-base", &val);
	if (!err)
		platform.gicr_base = val;
	else if (err != -ENOENT)
		bad = "gicr-base";
	return bad;
}

void inmate_entry(void)
{
	const char *cl = cmdline();
	const char *bad;
	u16 rev;

	comm_region_probe(&platform);
	bad = apply_cmdline(cl);
	console_init();

	rev = comm_region_revision();
	if (rev && !platform.have_comm_region)
		printk("inmate: communication region revision %u not supported (expected 2), using built-in defaults\n",
		       rev);
	if (bad)
		printk("inmate: ignoring malformed command line option '%s'\n",
		       bad);

	inmate_main();
}

void inmate_halt(void)
{
	irq_disable();
	for (;;)
		wait_for_interrupt();
}

static const char *const vector_names[16] = {
	"EL1t sync", "EL1t IRQ", "EL1t FIQ", "EL1t SError",
	"EL1h sync", "EL1h IRQ", "EL1h FIQ", "EL1h SError",
	"EL0/64 sync", "EL0/64 IRQ", "EL0/64 FIQ", "EL0/64 SError",
	"EL0/32 sync", "EL0/32 IRQ", "EL0/32 FIQ", "EL0/32 SError",
};

void exception_report(u64 esr, u64 vector, u64 elr, u64 far)
{
	printk("inmate: unexpected exception %s: ESR 0x%lx (class 0x%lx) at PC 0x%lx, FAR 0x%lx; CPU stopped\n",
	       vector_names[vector & 15], (unsigned long)esr,
	       (unsigned long)(esr >> 26), (unsigned long)elr,
	       (unsigned long)far);
	inmate_halt();
}
