/* SPDX-License-Identifier: MIT */
/*
 * Constants shared by the start-up assembly and C code of the inmate
 * library (architecture facts from the Arm ARM, and the image layout).
 */
#ifndef INMATE_ASM_DEFS_H
#define INMATE_ASM_DEFS_H

/* Offset of the command line buffer from the image start, and its size. */
#define CMDLINE_OFFSET		0x1000
#define CMDLINE_SIZE		0x1000

#define HCR_EL2_RW		(1 << 31)
#define CNTHCTL_EL1PCTEN	(1 << 0)
#define CNTHCTL_EL1PCEN		(1 << 1)
#define ICC_SRE_SRE		(1 << 0)
#define ICC_SRE_ENABLE		(1 << 3)

/* EL1h with D, A, I and F masked. */
#define SPSR_EL1H_MASKED	0x3c5

/*
 * SCTLR_EL1: the ARMv8.0 RES1 bits (29, 28, 23, 22, 20, 11) plus the
 * instruction cache (bit 12); MMU, data cache and alignment checks off.
 */
#define SCTLR_EL1_RES1		0x30d00800
#define SCTLR_EL1_I		(1 << 12)
#define SCTLR_EL1_C		(1 << 2)
#define SCTLR_EL1_M		(1 << 0)
#define SCTLR_EL1_INMATE	(SCTLR_EL1_RES1 | SCTLR_EL1_I)

#endif
