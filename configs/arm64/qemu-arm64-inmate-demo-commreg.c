// SPDX-License-Identifier: MIT
/*
 * Cell "commreg-demo": the inmate-demo cell (same CPU 3, same memory, so
 * the two exclude each other) without PASSIVE_COMMREG. The hypervisor asks
 * it through the communication region before stopping it (shutdown, load,
 * start) and waits msg_reply_timeout (500 ms) for the answer; a cell that
 * does not answer in time is considered failed.
 * Everything else is the inmate-demo cell's.
 */
#define INMATE_DEMO_NAME		"commreg-demo"
#define INMATE_DEMO_FLAGS		0
#define INMATE_DEMO_REPLY_TIMEOUT	500000000	/* ns */

#include "qemu-arm64-inmate-demo.c"
