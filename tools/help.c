// SPDX-License-Identifier: MIT
/*
 * tools/: the --help texts of "jailhouse" and its command groups. They are
 * also the manual: tools/man/gen-man.py makes jailhouse(8) and
 * jailhouse-GROUP(8) of them, so keep to their form: "Usage:" and "   or:"
 * lines, paragraphs, "Heading:" lines, two-space items with their text
 * indented by eight.
 */
#include <stdio.h>

#include "jailhouse.h"

static void exit_status(FILE *out)
{
	fprintf(out,
		"\n"
		"Exit status:\n"
		"  0\n"
		"        Success.\n"
		"  1\n"
		"        The operation failed; the message says why.\n"
		"  2\n"
		"        Usage error.\n");
}

void help_main(FILE *out)
{
	fprintf(out,
		"Usage: jailhouse COMMAND [ARGUMENTS]\n"
		"   or: jailhouse --help | --version\n"
		"\n"
		"Manage the jailhouse partitioning hypervisor from the root "
		"cell (Linux): enable\n"
		"it, create cells and boot their inmates, watch and destroy "
		"them, check\n"
		"configurations. Every command group has its own --help.\n"
		"\n"
		"Commands:\n"
		"  enable SYSCONFIG\n"
		"        Start the hypervisor; Linux becomes the root cell.\n"
		"  disable\n"
		"        Destroy the non-root cells left (printing which), "
		"stop the hypervisor,\n"
		"        give the machine back to Linux.\n"
		"  console [-f | --follow]\n"
		"        Print the hypervisor console.\n"
		"  cell create | list | load | linux | start | shutdown | "
		"destroy | stats ...\n"
		"        Create, load, boot, list, stop and destroy cells.\n"
		"  config check SYSCONFIG [CELLCONFIG...]\n"
		"        Validate configuration files.\n"
		"\n"
		"Options:\n"
		"  -h, --help\n"
		"        Print this text.\n"
		"  --version\n"
		"        Print the tool's version and the interface revisions "
		"it speaks.\n");
	exit_status(out);
}

void help_enable(FILE *out)
{
	fprintf(out,
		"Usage: jailhouse enable SYSCONFIG\n"
		"   or: jailhouse disable\n"
		"\n"
		"Start or stop the hypervisor.\n"
		"\n"
		"Commands:\n"
		"  enable SYSCONFIG\n"
		"        Validate the system configuration SYSCONFIG (a .cell "
		"file), load the\n"
		"        hypervisor image jailhouse.bin from /lib/firmware and "
		"start it on every\n"
		"        CPU; the running Linux becomes the root cell.\n"
		"  disable\n"
		"        Destroy the non-root cells left, printing 'Destroyed "
		"cell \"NAME\" (id N)'\n"
		"        for each, stop the hypervisor and give the machine "
		"back to Linux.\n");
	exit_status(out);
}

void help_console(FILE *out)
{
	fprintf(out,
		"Usage: jailhouse console [-f | --follow]\n"
		"\n"
		"Print the hypervisor console: its messages since it was "
		"enabled, as far as\n"
		"the console buffer holds them.\n"
		"\n"
		"Options:\n"
		"  -f, --follow\n"
		"        Keep printing new messages until interrupted.\n");
	exit_status(out);
}

void help_cell(FILE *out)
{
	fprintf(out,
		"Usage: jailhouse cell create CELLCONFIG\n"
		"   or: jailhouse cell list\n"
		"   or: jailhouse cell load {ID | [--name] NAME} "
		"{IMAGE | -s STRING}\n"
		"                           [-a ADDRESS] ...\n"
		"   or: jailhouse cell linux [-d DTB] [-i INITRD] "
		"[-c CMDLINE] [-w FILE]\n"
		"                            [-a ARCH] [-k FACTOR] CELLCONFIG "
		"KERNEL\n"
		"   or: jailhouse cell start {ID | [--name] NAME}\n"
		"   or: jailhouse cell shutdown {ID | [--name] NAME}\n"
		"   or: jailhouse cell destroy {ID | [--name] NAME}\n"
		"   or: jailhouse cell stats {ID | [--name] NAME}\n"
		"\n"
		"Manage the non-root cells. A cell is named by its id (a "
		"number) or its name;\n"
		"--name takes a name that looks like a number. The root cell "
		"(id 0) is no\n"
		"target of these commands.\n"
		"\n"
		"Commands:\n"
		"  create CELLCONFIG\n"
		"        Validate the cell configuration CELLCONFIG and create "
		"its cell; its CPUs\n"
		"        leave Linux. The cell is stopped until started.\n"
		"  list\n"
		"        List the cells: id, name, state (running, "
		"running/locked, shut down,\n"
		"        failed, failed/comm rev; a cell whose CPUs all turned "
		"off is shut down),\n"
		"        assigned CPUs, failed CPUs and, of a running cell, "
		"the parked CPUs: off\n"
		"        (PSCI CPU_OFF) or not started yet.\n"
		"  load {ID | [--name] NAME} {IMAGE | -s STRING} [-a ADDRESS] "
		"...\n"
		"        Stop the cell and load images (files) and strings "
		"into its memory, each\n"
		"        at its -a ADDRESS (default 0, an address the cell "
		"sees); a string goes\n"
		"        with its NUL, inmates read theirs at 0x1000.\n"
		"  linux [OPTIONS] CELLCONFIG KERNEL\n"
		"        Create the cell of CELLCONFIG, load linux-loader, the "
		"arm64 kernel Image\n"
		"        KERNEL, the initramfs and the device tree into its "
		"RAM (the largest\n"
		"        loadable region of CELLCONFIG) and start it. The "
		"device tree's /chosen\n"
		"        (bootargs, linux,initrd-start, linux,initrd-end) and "
		"/memory are set for\n"
		"        the cell. A cell that does not start is destroyed "
		"again.\n"
		"  start {ID | [--name] NAME}\n"
		"        Start the cell at guest address 0.\n"
		"  shutdown {ID | [--name] NAME}\n"
		"        Stop the cell (it may refuse through its "
		"communication region).\n"
		"  destroy {ID | [--name] NAME}\n"
		"        Destroy the cell; its CPUs and memory go back to "
		"Linux.\n"
		"  stats {ID | [--name] NAME}\n"
		"        Print the cell's exit counters, summed over its "
		"CPUs.\n"
		"\n");
	cell_linux_options(out);
	exit_status(out);
}

void help_config(FILE *out)
{
	fprintf(out,
		"Usage: jailhouse config check SYSCONFIG [CELLCONFIG...]\n"
		"\n"
		"Validate configuration files with the hypervisor's own "
		"checks, also on a PC\n"
		"(the host build jailhouse-host).\n"
		"\n"
		"Commands:\n"
		"  check SYSCONFIG [CELLCONFIG...]\n"
		"        Check the system configuration SYSCONFIG, then each "
		"cell configuration\n"
		"        on its own and against SYSCONFIG; print 'FILE: ok' or "
		"'FILE: INVALID'\n"
		"        (with the reasons) for each.\n");
	exit_status(out);
}
