/* SPDX-License-Identifier: MIT */
/*
 * tools/: what jailhouse.c shares with the commands in their own files
 * (cell-linux.c).
 */
#ifndef _TOOLS_JAILHOUSE_H
#define _TOOLS_JAILHOUSE_H

#include <stddef.h>
#include <stdio.h>

#include <jailhouse/cell-config.h>
#include <jailhouse/ioctl.h>

#if defined(__aarch64__)
#define HOST_ARCH		JAILHOUSE_ARM64
#elif defined(__arm__)
#define HOST_ARCH		JAILHOUSE_ARM
#else
#define HOST_ARCH		JAILHOUSE_ARM64	/* host-side checks */
#endif

/* inmates read their command line from this area (inmates/README.md) */
#define CMDLINE_ADDR		0x1000ULL
#define CMDLINE_SIZE		0x1000ULL

void report_stderr(void *ctx, const char *fmt, ...);
void *read_file(const char *name, size_t *size);

/* The ioctls, with the messages of "jailhouse cell ...": 0 or 1 (failed) */
int cell_ioctl(unsigned long cmd, void *arg, const char *what);
int create_cell(void *config, size_t size, const char *file);
int load_cell(struct jailhouse_cell_load *load, char *const names[]);

int cell_linux(int argc, char *argv[]);
void cell_linux_help(FILE *out);
void cell_linux_options(FILE *out);

/* the --help texts (help.c), which tools/man/gen-man.py turns into pages */
void help_main(FILE *out);
void help_enable(FILE *out);
void help_console(FILE *out);
void help_cell(FILE *out);
void help_config(FILE *out);

#endif
