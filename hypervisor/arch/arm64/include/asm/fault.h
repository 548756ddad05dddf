/* SPDX-License-Identifier: GPL-2.0 */
/* The arm64 part of a fault report (struct fault_report, hv/control.h). */
#ifndef _ASM_FAULT_H
#define _ASM_FAULT_H

#include <hv/types.h>

struct arch_fault {
	unsigned int ec;	/* ESR_EL2 exception class */
	u64 syndrome;		/* ESR_EL2 */
};

#endif
