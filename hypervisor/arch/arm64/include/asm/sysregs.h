/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 system register access and the bits the hypervisor uses. */
#ifndef _ASM_SYSREGS_H
#define _ASM_SYSREGS_H

#define read_sysreg(r) ({ u64 __v; \
	asm volatile("mrs %0, " #r : "=r" (__v)); __v; })
#define write_sysreg(v, r) \
	asm volatile("msr " #r ", %0" : : "r" ((u64)(v)))
#define read_sysreg_s(r) ({ u64 __v; \
	asm volatile("mrs %0, " r : "=r" (__v)); __v; })
#define write_sysreg_s(v, r) \
	asm volatile("msr " r ", %0" : : "r" ((u64)(v)))
#define isb()		asm volatile("isb" ::: "memory")
#define dsb(opt)	asm volatile("dsb " #opt ::: "memory")
#define dmb(opt)	asm volatile("dmb " #opt ::: "memory")
#define wfi()		asm volatile("wfi" ::: "memory")
#define wfe()		asm volatile("wfe" ::: "memory")
#define sev()		asm volatile("sev" ::: "memory")

/* GICv3 CPU interface registers by encoding (no assembler names needed) */
#define ICC_IAR1_EL1	"S3_0_C12_C12_0"
#define ICC_EOIR1_EL1	"S3_0_C12_C12_1"
#define ICC_DIR_EL1	"S3_0_C12_C11_1"
#define ICC_SGI1R_EL1	"S3_0_C12_C11_5"
#define ICC_PMR_EL1	"S3_0_C4_C6_0"
#define ICC_BPR0_EL1	"S3_0_C12_C8_3"
#define ICC_BPR1_EL1	"S3_0_C12_C12_3"
#define ICC_CTLR_EL1	"S3_0_C12_C12_4"
#define ICC_IGRPEN0_EL1	"S3_0_C12_C12_6"
#define ICC_IGRPEN1_EL1	"S3_0_C12_C12_7"
#define ICC_SRE_EL2	"S3_4_C12_C9_5"
#define ICH_HCR_EL2	"S3_4_C12_C11_0"
#define ICH_VTR_EL2	"S3_4_C12_C11_1"
#define ICH_MISR_EL2	"S3_4_C12_C11_2"
#define ICH_ELRSR_EL2	"S3_4_C12_C11_5"
#define ICH_VMCR_EL2	"S3_4_C12_C11_7"
#define ICH_AP0R0_EL2	"S3_4_C12_C8_0"
#define ICH_AP1R0_EL2	"S3_4_C12_C9_0"
#define ICH_LR_EL2(n)	"S3_4_C12_C" #n

#define HCR_VM		BIT(0)
#define HCR_SWIO	BIT(1)
#define HCR_FMO		BIT(3)
#define HCR_IMO		BIT(4)
#define HCR_AMO		BIT(5)
#define HCR_FB		BIT(9)
#define HCR_BSU_IS	(1UL << 10)
#define HCR_TSC		BIT(19)
#define HCR_TACR	BIT(21)
#define HCR_TSW		BIT(22)
#define HCR_RW		BIT(31)

#define SCTLR_EL2_M	BIT(0)
#define SCTLR_EL2_C	BIT(2)
#define SCTLR_EL2_SA	BIT(3)
#define SCTLR_EL2_I	BIT(12)
#define SCTLR_EL2_RES1	(BIT(4) | BIT(5) | BIT(11) | BIT(16) | BIT(18) | \
			 BIT(22) | BIT(23) | BIT(28) | BIT(29))

#define SCTLR_EL1_RESET	0x30d00800UL

#define ESR_EC(esr)	(((esr) >> 26) & 0x3f)
#define ESR_IL		BIT(25)
#define ESR_ISS(esr)	((esr) & 0x1ffffff)

/* ISS of a data abort from a lower EL (EC_DABT_LOW) */
#define ISS_DABT_ISV		BIT(24)	/* the syndrome fields are valid */
#define ISS_DABT_SAS(iss)	(((iss) >> 22) & 3)	/* 1 << SAS bytes */
#define ISS_DABT_SSE		BIT(21)	/* sign-extend the loaded value */
#define ISS_DABT_SRT(iss)	(((iss) >> 16) & 0x1f)	/* register */
#define ISS_DABT_SF		BIT(15)	/* 64-bit register (else W) */
#define ISS_DABT_EA		BIT(9)	/* external abort type */
#define ISS_DABT_S1PTW		BIT(7)	/* on a stage-1 table walk */
#define ISS_DABT_WNR		BIT(6)	/* write */
#define ISS_DABT_DFSC(iss)	((iss) & 0x3f)
/* DFSC values of synchronous external aborts (and parity/ECC errors) */
#define DFSC_IS_EXTERNAL(dfsc)	((dfsc) == 0x10 || ((dfsc) & 0x3c) == 0x14 || \
				 (dfsc) == 0x18 || ((dfsc) & 0x3c) == 0x1c)

/* ISS of a trapped system register or instruction access (EC_SYSREG) */
#define ISS_SYSREG_OP0(iss)	(((iss) >> 20) & 3)
#define ISS_SYSREG_OP2(iss)	(((iss) >> 17) & 7)
#define ISS_SYSREG_OP1(iss)	(((iss) >> 14) & 7)
#define ISS_SYSREG_CRN(iss)	(((iss) >> 10) & 0xf)
#define ISS_SYSREG_RT(iss)	(((iss) >> 5) & 0x1f)
#define ISS_SYSREG_CRM(iss)	(((iss) >> 1) & 0xf)
#define ISS_SYSREG_READ		BIT(0)	/* MRS (else MSR) */
/* the register (Op0..Op2, CRn/m), without Rt and direction */
#define SYSREG_ISS_MASK		0x3ffc1e
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | \
	 ((crm) << 1))

/* ISS of HVC and SMC: the immediate */
#define ISS_IMM16(iss)		((iss) & 0xffff)

#define EC_UNKNOWN	0x00
#define EC_WFX		0x01
#define EC_HVC64	0x16
#define EC_SMC64	0x17
#define EC_SYSREG	0x18
#define EC_IABT_LOW	0x20
#define EC_DABT_LOW	0x24
#define EC_DABT_CUR	0x25

#define PSR_MODE_EL1H	0x5
#define PSR_MODE_MASK	0xf
#define PSR_DAIF	(0xfUL << 6)

#endif
