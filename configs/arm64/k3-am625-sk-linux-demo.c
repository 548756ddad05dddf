// SPDX-License-Identifier: MIT
/*
 * Cell "k3-am625-sk-linux-demo" on the TI AM625 SK (compile-checked
 * only): the seed's Linux demo, CPUs 1-3, RAM 0xe0000000, console on
 * main_uart1. The layout is in k3-am62-linux-demo.h; the device tree is
 * dts/inmate-k3-am625-sk.dts.
 *
 * No eMMC: the seed hands sdhci0 to the inmate, but its Linux driver
 * (sdhci_am654) cannot start without the clocks and power domain that
 * only the system firmware provides, over TI-SCI mailboxes (secure proxy
 * threads) that belong to the root cell's Linux; a second Linux on the
 * same threads would garble the root's firmware calls, and stand-in fixed
 * clocks would leave the controller's DLL set up by nobody. sdhci0 stays
 * disabled in the root's k3-am625-sk-jailhouse.dtb and unused.
 */
#define K3_NAME		"k3-am625-sk-linux-demo"
#define K3_SHMEM	0xdfa00000
#define K3_RAM		0xe0000000
#include "k3-am62-linux-demo.h"
