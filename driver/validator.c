// SPDX-License-Identifier: GPL-2.0
/*
 * The shared config validator of ../config-check/, compiled into
 * jailhouse.ko. Kbuild builds an out-of-tree module only from sources
 * below M= (an object path with "../" would land outside the build tree),
 * so this unit includes the shared file through the include path the
 * Makefile gives (JH_CONFIG_CHECK, default ../config-check).
 */
#include <config-check.c>
