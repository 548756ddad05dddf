// SPDX-License-Identifier: MIT
/*
 * linux-loader: boots an arm64 Linux Image inside a cell.
 *
 * Loaded at guest address 0 together with the kernel, a device tree and
 * the command line "kernel=ADDRESS dtb=ADDRESS" at 0x1000 (all by
 * "jailhouse cell load"). It checks both images, cleans them to the point
 * of coherency and enters the kernel as the arm64 boot protocol requires:
 * EL1, MMU and data cache off, interrupts masked, x0 = device tree address,
 * x1 = x2 = x3 = 0.
 */
#include <inmate.h>

#define IMAGE_TEXT_OFFSET	0x08
#define IMAGE_SIZE		0x10
#define IMAGE_MAGIC		0x38
#define IMAGE_MAGIC_ARM64	0x644d5241	/* "ARM\x64" */
#define IMAGE_ALIGN		0x200000

#define FDT_MAGIC		0xd00dfeed
#define FDT_TOTALSIZE		0x04

static u32 read_be32(u64 addr)
{
	return (u32)mmio_read8(addr) << 24 | (u32)mmio_read8(addr + 1) << 16 |
	       (u32)mmio_read8(addr + 2) << 8 | mmio_read8(addr + 3);
}

static int get_address(const char *cl, const char *key, u64 *addr)
{
	int err = cmdline_get_u64(cl, key, addr);

	if (err == -ENOENT)
		printk("linux-loader: no %s=ADDRESS on the command line \"%s\" (load it with -s \"kernel=0x... dtb=0x...\" -a 0x1000)\n",
		       key, cl);
	else if (err)
		printk("linux-loader: %s= is not a valid address on the command line \"%s\"\n",
		       key, cl);
	return err;
}

static int check_kernel(u64 kernel, u64 *size)
{
	u64 text_offset;

	if (kernel & 7) {
		printk("linux-loader: kernel address 0x%lx is not 8-byte aligned\n",
		       (unsigned long)kernel);
		return -EINVAL;
	}
	if (mmio_read32(kernel + IMAGE_MAGIC) != IMAGE_MAGIC_ARM64) {
		printk("linux-loader: no arm64 Image at 0x%lx (magic 0x%x, expected 0x%x)\n",
		       (unsigned long)kernel, mmio_read32(kernel + IMAGE_MAGIC),
		       IMAGE_MAGIC_ARM64);
		return -EINVAL;
	}
	text_offset = mmio_read64(kernel + IMAGE_TEXT_OFFSET);
	if ((kernel - text_offset) % IMAGE_ALIGN) {
		printk("linux-loader: kernel at 0x%lx must sit text_offset 0x%lx above a 2 MiB boundary\n",
		       (unsigned long)kernel, (unsigned long)text_offset);
		return -EINVAL;
	}
	*size = mmio_read64(kernel + IMAGE_SIZE);
	return 0;
}

static int check_dtb(u64 dtb, u64 *size)
{
	if (dtb & 7) {
		printk("linux-loader: device tree address 0x%lx is not 8-byte aligned\n",
		       (unsigned long)dtb);
		return -EINVAL;
	}
	if (read_be32(dtb) != FDT_MAGIC) {
		printk("linux-loader: no device tree at 0x%lx (magic 0x%x, expected 0x%x)\n",
		       (unsigned long)dtb, read_be32(dtb), FDT_MAGIC);
		return -EINVAL;
	}
	*size = read_be32(dtb + FDT_TOTALSIZE);
	return 0;
}

/* Clean and invalidate [start, start + size) to the point of coherency. */
static void clean_dcache_range(u64 start, u64 size)
{
	u64 line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	u64 addr;

	for (addr = start & ~(line - 1); addr < start + size; addr += line)
		asm volatile("dc civac, %0" : : "r" (addr) : "memory");
	asm volatile("dsb sy" : : : "memory");
}

static void __attribute__((noreturn)) enter_kernel(u64 entry, u64 dtb)
{
	u64 sctlr = read_sysreg(sctlr_el1);

	asm volatile("msr daifset, #0xf" : : : "memory");
	write_sysreg(sctlr_el1, sctlr & ~(SCTLR_EL1_M | SCTLR_EL1_C));
	asm volatile("isb\n\tic iallu\n\tdsb sy\n\tisb" : : : "memory");

	{
		register u64 x0 asm("x0") = dtb;
		register u64 x1 asm("x1") = 0;
		register u64 x2 asm("x2") = 0;
		register u64 x3 asm("x3") = 0;
		register u64 x4 asm("x4") = entry;

		asm volatile("br x4"
			     : : "r" (x0), "r" (x1), "r" (x2), "r" (x3),
			       "r" (x4) : "memory");
	}
	__builtin_unreachable();
}

void inmate_main(void)
{
	const char *cl = cmdline();
	u64 kernel, dtb, kernel_size, dtb_size;

	if (get_address(cl, "kernel", &kernel) ||
	    get_address(cl, "dtb", &dtb))
		return;
	if (check_kernel(kernel, &kernel_size) || check_dtb(dtb, &dtb_size))
		return;
	if (dtb < kernel + kernel_size && kernel < dtb + dtb_size) {
		printk("linux-loader: device tree 0x%lx-0x%lx overlaps the kernel's 0x%lx-0x%lx (image_size from its header)\n",
		       (unsigned long)dtb, (unsigned long)(dtb + dtb_size),
		       (unsigned long)kernel,
		       (unsigned long)(kernel + kernel_size));
		return;
	}

	printk("linux-loader: booting Image at 0x%lx, device tree at 0x%lx\n",
	       (unsigned long)kernel, (unsigned long)dtb);
	if (kernel_size)
		clean_dcache_range(kernel, kernel_size);
	clean_dcache_range(dtb, dtb_size);
	enter_kernel(kernel, dtb);
}
