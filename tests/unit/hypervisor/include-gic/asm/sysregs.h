/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for the arm64 system register accessors, for test-gic.c:
 * the register names and bits are the hypervisor's own (include_next),
 * the accesses go to the test's mock_read_sysreg()/mock_write_sysreg().
 */
#ifndef _TEST_ASM_SYSREGS_H
#define _TEST_ASM_SYSREGS_H

#include_next <asm/sysregs.h>

#include <hv/types.h>

u64 mock_read_sysreg(const char *name);
void mock_write_sysreg(const char *name, u64 value);

#undef read_sysreg
#undef write_sysreg
#undef read_sysreg_s
#undef write_sysreg_s
#undef isb
#undef dsb
#undef dmb
#undef wfi
#undef wfe
#undef sev
#define read_sysreg(r)		mock_read_sysreg(#r)
#define write_sysreg(v, r)	mock_write_sysreg(#r, (u64)(v))
#define read_sysreg_s(r)	mock_read_sysreg(r)
#define write_sysreg_s(v, r)	mock_write_sysreg(r, (u64)(v))
#define isb()			do { } while (0)
#define dsb(opt)		do { } while (0)
#define dmb(opt)		do { } while (0)
#define wfi()			do { } while (0)
#define wfe()			do { } while (0)
#define sev()			do { } while (0)

#endif
