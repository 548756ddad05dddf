/* SPDX-License-Identifier: MIT */
/*
 * Hypercall ABI (arm64: "hvc #0x4a48", code in x0, arguments in x1 and x2,
 * result in x0, x3 clobbered), CPU statistics, cell states, messages and the
 * communication region (ABI revision 2) mapped into non-root cells.
 */
#ifndef _JAILHOUSE_HYPERCALL_H
#define _JAILHOUSE_HYPERCALL_H

#include <jailhouse/types.h>
#include <jailhouse/cell-config.h>

#define JAILHOUSE_HVC_CODE			0x4a48

#define JAILHOUSE_HC_DISABLE			0
#define JAILHOUSE_HC_CELL_CREATE		1
#define JAILHOUSE_HC_CELL_START			2
#define JAILHOUSE_HC_CELL_SET_LOADABLE		3
#define JAILHOUSE_HC_CELL_DESTROY		4
#define JAILHOUSE_HC_HYPERVISOR_GET_INFO	5
#define JAILHOUSE_HC_CELL_GET_STATE		6
#define JAILHOUSE_HC_CPU_GET_INFO		7
#define JAILHOUSE_HC_DEBUG_CONSOLE_PUTC		8

/* HYPERVISOR_GET_INFO arguments */
#define JAILHOUSE_INFO_MEM_POOL_SIZE		0
#define JAILHOUSE_INFO_MEM_POOL_USED		1
#define JAILHOUSE_INFO_REMAP_POOL_SIZE		2
#define JAILHOUSE_INFO_REMAP_POOL_USED		3
#define JAILHOUSE_INFO_NUM_CELLS		4

/* CPU_GET_INFO types and results */
#define JAILHOUSE_CPU_INFO_STATE		0
#define JAILHOUSE_CPU_INFO_STAT_BASE		1000

#define JAILHOUSE_CPU_RUNNING			0
/*
 * Not in the published ABI (which leaves 1 unused): the CPU is off, parked
 * in the hypervisor (PSCI CPU_OFF, not yet started by CPU_ON, or its cell
 * stopped). Readers that only look for FAILED see no difference.
 */
#define JAILHOUSE_CPU_PARKED			1
#define JAILHOUSE_CPU_FAILED			2

/* CPU statistics, common part */
#define JAILHOUSE_CPU_STAT_VMEXITS_TOTAL	0
#define JAILHOUSE_CPU_STAT_VMEXITS_MMIO		1
#define JAILHOUSE_CPU_STAT_VMEXITS_MANAGEMENT	2
#define JAILHOUSE_CPU_STAT_VMEXITS_HYPERCALL	3
#define JAILHOUSE_GENERIC_CPU_STATS		4
/* arm and arm64 */
#define JAILHOUSE_CPU_STAT_VMEXITS_MAINTENANCE	4
#define JAILHOUSE_CPU_STAT_VMEXITS_VIRQ		5
#define JAILHOUSE_CPU_STAT_VMEXITS_VSGI		6
#define JAILHOUSE_CPU_STAT_VMEXITS_PSCI		7
#define JAILHOUSE_CPU_STAT_VMEXITS_SMCCC	8
#define JAILHOUSE_NUM_CPU_STATS			9

/* Cell states */
#define JAILHOUSE_CELL_RUNNING			0
#define JAILHOUSE_CELL_RUNNING_LOCKED		1
#define JAILHOUSE_CELL_SHUT_DOWN		2 /* terminal */
#define JAILHOUSE_CELL_FAILED			3 /* terminal */
#define JAILHOUSE_CELL_FAILED_COMM_REV		4 /* terminal */

/* Messages to a cell and its replies */
#define JAILHOUSE_MSG_NONE			0
#define JAILHOUSE_MSG_SHUTDOWN_REQUEST		1
#define JAILHOUSE_MSG_RECONFIG_COMPLETED	2

#define JAILHOUSE_MSG_UNKNOWN			1
#define JAILHOUSE_MSG_REQUEST_DENIED		2
#define JAILHOUSE_MSG_REQUEST_APPROVED		3
#define JAILHOUSE_MSG_RECEIVED			4

#define JAILHOUSE_COMM_REGION_ABI_REVISION	2
#define COMM_REGION_ABI_REVISION	JAILHOUSE_COMM_REGION_ABI_REVISION
#define COMM_REGION_MAGIC			"JHCOMM"

#define JAILHOUSE_COMM_FLAG_DBG_PUTC_PERMITTED	0x0001
#define JAILHOUSE_COMM_FLAG_DBG_PUTC_ACTIVE	0x0002
#define SYS_FLAGS_DBG_PUTC_PERMITTED(flags) \
	!!((flags) & JAILHOUSE_COMM_FLAG_DBG_PUTC_PERMITTED)
#define SYS_FLAGS_DBG_PUTC_ACTIVE(flags) \
	!!((flags) & JAILHOUSE_COMM_FLAG_DBG_PUTC_ACTIVE)

struct jailhouse_comm_region {
	char signature[6];
	__u16 revision;
	volatile __u32 cell_state;
	volatile __u32 msg_to_cell;
	volatile __u32 reply_from_cell;
	__u32 flags;
	struct jailhouse_console console;
	__u64 pci_mmconfig_base;
	/* arm64 part */
	__u8 gic_version;
	__u8 padding[7];
	__u64 gicd_base;
	__u64 gicc_base;
	__u64 gicr_base;
	__u32 vpci_irq_base;
} __attribute__((packed));

JH_STATIC_ASSERT(sizeof(struct jailhouse_comm_region) == 100,
		 "comm region size");
JH_STATIC_ASSERT(__builtin_offsetof(struct jailhouse_comm_region, console) ==
		 24, "comm region console offset");
JH_STATIC_ASSERT(__builtin_offsetof(struct jailhouse_comm_region, gicd_base)
		 == 72, "comm region gicd offset");
JH_STATIC_ASSERT(__builtin_offsetof(struct jailhouse_comm_region,
				    vpci_irq_base) == 96,
		 "comm region vpci_irq_base offset");

#if defined(__aarch64__) && !defined(__ASSEMBLY__)

static inline __u64 jailhouse_call_arg2(__u64 num, __u64 arg1, __u64 arg2)
{
	register __u64 x0 asm("x0") = num;
	register __u64 x1 asm("x1") = arg1;
	register __u64 x2 asm("x2") = arg2;
	register __u64 x3 asm("x3");

	asm volatile("hvc #0x4a48"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "=r" (x3)
		     : : "memory");
	return x0;
}

static inline __u64 jailhouse_call_arg1(__u64 num, __u64 arg1)
{
	return jailhouse_call_arg2(num, arg1, 0);
}

static inline __u64 jailhouse_call(__u64 num)
{
	return jailhouse_call_arg2(num, 0, 0);
}

#endif /* __aarch64__ */

#endif /* _JAILHOUSE_HYPERCALL_H */
