/* SPDX-License-Identifier: MIT */
/*
 * The inmate library: everything a bare-metal arm64 cell program needs.
 *
 * An inmate defines `void inmate_main(void)`. Before it runs, the start-up
 * code has set up a stack, exception vectors and .bss, and inmate_entry()
 * has discovered the platform (communication region, command line,
 * built-in defaults) and initialised the console, so printk() works.
 * Returning from inmate_main() halts the CPU.
 */
#ifndef INMATE_H
#define INMATE_H

#include <types.h>
#include <asm-defs.h>
#include <cmdline.h>
#include <format.h>
#include <jailhouse/hypercall.h>

/* ---- CPU helpers ---- */

#define read_sysreg(reg) ({						\
	u64 __val;							\
	asm volatile("mrs %0, " #reg : "=r" (__val));			\
	__val;								\
})

#define write_sysreg(reg, val)						\
	asm volatile("msr " #reg ", %0" : : "r" ((u64)(val)))

/* GICv3 CPU interface registers by encoding (older assemblers). */
#define ICC_IAR1_EL1		S3_0_C12_C12_0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define ICC_PMR_EL1		S3_0_C4_C6_0
#define ICC_BPR1_EL1		S3_0_C12_C12_3
#define ICC_CTLR_EL1		S3_0_C12_C12_4
#define ICC_SRE_EL1		S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1		S3_0_C12_C12_7

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)
#define read_sysreg_s(reg) ({						\
	u64 __val;							\
	asm volatile("mrs %0, " __stringify(reg) : "=r" (__val));	\
	__val;								\
})
#define write_sysreg_s(reg, val)					\
	asm volatile("msr " __stringify(reg) ", %0" : : "r" ((u64)(val)))

static inline void isb(void)
{
	asm volatile("isb" : : : "memory");
}

static inline void dsb_sy(void)
{
	asm volatile("dsb sy" : : : "memory");
}

static inline void cpu_relax(void)
{
	asm volatile("yield" : : : "memory");
}

static inline void irq_enable(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

static inline void irq_disable(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

static inline void wait_for_interrupt(void)
{
	asm volatile("wfi" : : : "memory");
}

/* ---- MMIO ---- */

static inline u8 mmio_read8(u64 addr)
{
	return *(volatile u8 *)addr;
}

static inline u16 mmio_read16(u64 addr)
{
	return *(volatile u16 *)addr;
}

static inline u32 mmio_read32(u64 addr)
{
	return *(volatile u32 *)addr;
}

static inline u64 mmio_read64(u64 addr)
{
	return *(volatile u64 *)addr;
}

static inline void mmio_write8(u64 addr, u8 val)
{
	*(volatile u8 *)addr = val;
}

static inline void mmio_write16(u64 addr, u16 val)
{
	*(volatile u16 *)addr = val;
}

static inline void mmio_write32(u64 addr, u32 val)
{
	*(volatile u32 *)addr = val;
}

static inline void mmio_write64(u64 addr, u64 val)
{
	*(volatile u64 *)addr = val;
}

/* ---- Platform description (comm region, command line, defaults) ---- */

/* Built-in defaults: QEMU virt, the reference board. */
#define DEFAULT_CON_BASE	0x09000000UL
#define DEFAULT_GICD_BASE	0x08000000UL
#define DEFAULT_GICR_BASE	0x080a0000UL
#define COMM_REGION_BASE	0x80000000UL

struct inmate_platform {
	u64 con_base;
	u16 con_type;		/* JAILHOUSE_CON_TYPE_* */
	u16 con_flags;		/* JAILHOUSE_CON_* */
	u32 con_divider;
	bool con_hypercall;	/* debug output through the hypervisor */
	u8 gic_version;
	u64 gicd_base;
	u64 gicr_base;
	u64 pci_mmconfig_base;
	u32 vpci_irq_base;
	bool have_comm_region;
};

extern struct inmate_platform platform;

/* The command line loaded at image offset CMDLINE_OFFSET (NUL-terminated). */
const char *cmdline(void);

/* The application's entry point. */
void inmate_main(void);

/* Stop this CPU for good (interrupts masked). */
void inmate_halt(void) __attribute__((noreturn));

/* ---- Communication region ---- */

/* Fill @p from the communication region; false if there is none. */
bool comm_region_probe(struct inmate_platform *p);

/*
 * Answer a pending hypervisor message, if any. Shutdown requests are
 * approved when @allow_shutdown is true, else denied. Returns the message
 * that was handled (JAILHOUSE_MSG_*, JAILHOUSE_MSG_NONE if none).
 */
u32 comm_region_poll(bool allow_shutdown);

/*
 * A demo's shutdown policy from its command line: "shutdown=deny" makes it
 * refuse the hypervisor's shutdown requests (a cell that must not be
 * stopped from the root cell); anything else, or nothing, approves them.
 */
bool shutdown_allowed_by_cmdline(void);

/*
 * comm_region_poll() for demos, saying on the console what @who answered.
 * Returns true when a shutdown request was approved: the caller stops.
 */
bool comm_region_answer(const char *who, bool allow_shutdown);

/* Revision of a region with a valid signature, 0 if there is none. */
u16 comm_region_revision(void);

/* Cell state as written by the hypervisor (0 if there is no region). */
u32 comm_region_cell_state(void);

/* ---- Console and printk ---- */

void console_init(void);
void console_putc(char c);
void console_write(const char *s);

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* UART drivers (base address, register distance 1 or 4). */
void uart_pl011_init(u64 base, u32 divider);
void uart_pl011_putc(u64 base, char c);
void uart_8250_init(u64 base, unsigned int regdist, u32 divider);
void uart_8250_putc(u64 base, unsigned int regdist, char c);

/* Hypervisor debug console (hypercall DEBUG_CONSOLE_PUTC). */
void hypercall_putc(char c);

/* ---- Generic timer (EL1 virtual timer, PPI 27) ---- */

#define TIMER_IRQ		27

u64 timer_get_frequency(void);
u64 timer_get_ticks(void);
u64 timer_ticks_to_ns(u64 ticks);
u64 timer_ns_to_ticks(u64 ns);
/* Fire TIMER_IRQ when the counter reaches @deadline (absolute ticks). */
void timer_start_at(u64 deadline);
void timer_stop(void);
void delay_us(u64 us);

/* ---- GICv3 ---- */

typedef void (*irq_handler_t)(u32 intid);

/* Set up distributor, this CPU's redistributor and CPU interface. */
int gic_init(irq_handler_t handler);
/* Enable an SGI/PPI (on this CPU's redistributor) or an SPI. */
int gic_enable_irq(u32 intid);
/* Called from the IRQ vector. */
void gic_handle_irq(void);

/* ---- PCI (ECAM) ---- */

#define PCI_CFG_VENDOR_ID	0x00
#define PCI_CFG_DEVICE_ID	0x02
#define PCI_CFG_COMMAND		0x04
#define PCI_CFG_STATUS		0x06
#define PCI_CFG_CLASS_REV	0x08
#define PCI_CFG_BAR0		0x10
#define PCI_CFG_CAP_PTR		0x34
#define PCI_CFG_INT_PIN		0x3d
#define PCI_CMD_MEM		0x0002
#define PCI_CMD_MASTER		0x0004
#define PCI_STS_CAPS		0x0010

u32 pci_read_config(u16 bdf, u16 addr, unsigned int size);
void pci_write_config(u16 bdf, u16 addr, u32 val, unsigned int size);
/* First device with @vendor:@device at or after @start_bdf, or -ENODEV. */
int pci_find_device(u16 vendor, u16 device, u16 start_bdf);
/* Offset of capability @cap_id in @bdf's list, or 0. */
u16 pci_find_cap(u16 bdf, u8 cap_id);

/* ---- Library internals (called from the start-up code) ---- */

void inmate_entry(void);
void exception_report(u64 esr, u64 vector, u64 elr, u64 far);

/* ---- Strings ---- */

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif
