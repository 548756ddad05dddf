// SPDX-License-Identifier: GPL-2.0
/* The shared, freestanding config validator (see hypervisor/core/). */
#include "../hypervisor/core/config-check.c"
