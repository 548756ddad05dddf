// SPDX-License-Identifier: MIT
/*
 * Cell "k3-am625-sk-linux-demo" on the TI AM625 SK (compile-checked
 * only): the seed's Linux demo, CPUs 1-3, RAM 0xe0000000, console on
 * main_uart1, the eMMC (sdhci0) owned by the inmate. The layout is in
 * k3-am62-linux-demo.h; the device tree is dts/inmate-k3-am625-sk.dts.
 */
#define K3_NAME		"k3-am625-sk-linux-demo"
#define K3_SHMEM	0xdfa00000
#define K3_RAM		0xe0000000
#define K3_EMMC
#include "k3-am62-linux-demo.h"
