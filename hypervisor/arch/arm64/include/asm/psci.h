/* SPDX-License-Identifier: GPL-2.0 */
/* PSCI emulation and SMCCC forwarding. */
#ifndef _ASM_PSCI_H
#define _ASM_PSCI_H

#include <hv/types.h>

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_SUSPEND_32	0x84000001
#define PSCI_CPU_SUSPEND_64	0xc4000001
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON_32		0x84000003
#define PSCI_CPU_ON_64		0xc4000003
#define PSCI_AFFINITY_INFO_32	0x84000004
#define PSCI_AFFINITY_INFO_64	0xc4000004
#define PSCI_MIGRATE_INFO_TYPE	0x84000006
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_SYSTEM_RESET	0x84000009
#define PSCI_FEATURES		0x8400000a

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMS	(-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)

#define SMCCC_NOT_SUPPORTED	(-1)

struct per_cpu;
struct trap_frame;

/* Issue an SMC to the firmware; returns x0, fills res[0..3] if given. */
u64 smc_call(u64 fid, u64 a1, u64 a2, u64 a3, u64 *res);
bool psci_is_call(u64 fid);
void psci_handle(struct per_cpu *cpu, struct trap_frame *frame);
void psci_park(struct per_cpu *cpu, struct trap_frame *frame);
void psci_wake(struct per_cpu *target, u64 entry, u64 context);

#endif
