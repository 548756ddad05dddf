// SPDX-License-Identifier: MIT
/*
 * Cell "k3-am62p5-sk-linux-demo" on the TI AM62P5 SK (compile-checked
 * only): the seed's Linux demo, CPUs 1-3, RAM 0x9e0000000, console on
 * main_uart1. No eMMC, for the reason k3-am625-sk-linux-demo.c gives:
 * sdhci0 is disabled in the root's device tree and unused. The layout is
 * in k3-am62-linux-demo.h; the device tree is dts/inmate-k3-am62p5-sk.dts.
 */
#define K3_NAME		"k3-am62p5-sk-linux-demo"
#define K3_SHMEM	0x9dfa00000
#define K3_RAM		0x9e0000000
#include "k3-am62-linux-demo.h"
