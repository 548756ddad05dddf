// SPDX-License-Identifier: MIT
/*
 * linux-loader: boots an arm64 Linux Image inside a cell.
 *
 * Loaded at guest address 0 together with the kernel, a device tree and
 * the command line "kernel=ADDRESS dtb=ADDRESS [initrd-size=BYTES]" at
 * 0x1000 (all by "jailhouse cell load"). The device tree's /chosen
 * linux,initrd-end is set to the end of the archive loaded at
 * linux,initrd-start (linux,initrd-start + BYTES, or the end of the newc
 * cpio archive found there), so that the kernel unpacks it and nothing
 * behind it (the shipped device tree gives it a fixed window). It
 * checks both images, cleans them to the point of coherency and enters
 * the kernel as the arm64 boot protocol requires: EL1, MMU and data cache
 * off, interrupts masked, x0 = device tree address, x1 = x2 = x3 = 0.
 */
#include <inmate.h>

#define IMAGE_TEXT_OFFSET	0x08
#define IMAGE_SIZE		0x10
#define IMAGE_MAGIC		0x38
#define IMAGE_MAGIC_ARM64	0x644d5241	/* "ARM\x64" */
#define IMAGE_ALIGN		0x200000

#define FDT_MAGIC		0xd00dfeed
#define FDT_TOTALSIZE		0x04
#define FDT_OFF_STRUCT		0x08
#define FDT_OFF_STRINGS		0x0c
#define FDT_SIZE_STRUCT		0x24
#define FDT_BEGIN_NODE		1
#define FDT_END_NODE		2
#define FDT_PROP		3
#define FDT_NOP			4

/* newc cpio: "070701" (or "070702"), 13 fields of 8 hex digits, name */
#define CPIO_HEADER		110
#define CPIO_FILESIZE		54
#define CPIO_NAMESIZE		94
#define CPIO_TRAILER		"TRAILER!!!"

static u32 read_be32(u64 addr)
{
	return (u32)mmio_read8(addr) << 24 | (u32)mmio_read8(addr + 1) << 16 |
	       (u32)mmio_read8(addr + 2) << 8 | mmio_read8(addr + 3);
}

static void write_be32(u64 addr, u32 val)
{
	mmio_write8(addr, val >> 24);
	mmio_write8(addr + 1, val >> 16);
	mmio_write8(addr + 2, val >> 8);
	mmio_write8(addr + 3, val);
}

static bool str_at_len(u64 addr, const char *s, unsigned int len)
{
	for (; len; len--, s++, addr++)
		if (mmio_read8(addr) != (u8)*s)
			return false;
	return true;
}

static bool str_at(u64 addr, const char *s)
{
	for (; *s; s++, addr++)
		if (mmio_read8(addr) != (u8)*s)
			return false;
	return mmio_read8(addr) == 0;
}

/* The value of property @name (first match, any node), 0 if none. */
static u64 fdt_prop(u64 dtb, const char *name, u32 *len)
{
	u64 p = dtb + read_be32(dtb + FDT_OFF_STRUCT);
	u64 end = p + read_be32(dtb + FDT_SIZE_STRUCT);
	u64 strings = dtb + read_be32(dtb + FDT_OFF_STRINGS);
	u32 token, l;

	while (p < end) {
		token = read_be32(p);
		p += 4;
		if (token == FDT_BEGIN_NODE) {
			while (mmio_read8(p++))
				;
			p = (p + 3) & ~3UL;
		} else if (token == FDT_PROP) {
			l = read_be32(p);
			if (str_at(strings + read_be32(p + 4), name)) {
				*len = l;
				return p + 8;
			}
			p = (p + 8 + l + 3) & ~3UL;
		} else if (token != FDT_END_NODE && token != FDT_NOP) {
			break;		/* FDT_END or not a device tree */
		}
	}
	return 0;
}

static u64 read_cells(u64 prop, u32 len)
{
	u64 v = read_be32(prop);

	return len == 8 ? v << 32 | read_be32(prop + 4) : v;
}

/* 8 hex digits of a newc header field, ~0 if it is not one */
static u64 cpio_field(u64 addr)
{
	u64 v = 0;
	unsigned int n;
	u8 c;

	for (n = 0; n < 8; n++) {
		c = mmio_read8(addr + n);
		if (c >= '0' && c <= '9')
			v = v << 4 | (c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v = v << 4 | (c - 'A' + 10);
		else
			return ~0UL;
	}
	return v;
}

static bool cpio_magic(u64 addr)
{
	return str_at_len(addr, "07070", 5) &&
		(mmio_read8(addr + 5) == '1' || mmio_read8(addr + 5) == '2');
}

/*
 * The size of the uncompressed newc cpio archive(s) at @start, up to @max
 * bytes (archives may follow each other, each 512-byte aligned after its
 * trailer); 0 if it is no such archive or runs past @max.
 */
static u64 cpio_size(u64 start, u64 max)
{
	u64 p = 0, filesize, namesize, next;
	bool trailer;

	while (p + CPIO_HEADER <= max && cpio_magic(start + p)) {
		filesize = cpio_field(start + p + CPIO_FILESIZE);
		namesize = cpio_field(start + p + CPIO_NAMESIZE);
		if (filesize == ~0UL || namesize == ~0UL)
			return 0;
		trailer = namesize == sizeof(CPIO_TRAILER) &&
			str_at(start + p + CPIO_HEADER, CPIO_TRAILER);
		p = (p + CPIO_HEADER + namesize + 3) & ~3UL;
		p = (p + filesize + 3) & ~3UL;
		if (!trailer)
			continue;
		next = (p + 511) & ~511UL;
		if (next + CPIO_HEADER <= max && cpio_magic(start + next)) {
			p = next;
			continue;
		}
		return p <= max ? p : 0;
	}
	return 0;
}

/*
 * Make /chosen linux,initrd-end the end of the archive loaded: start +
 * initrd-size= if given, else the end of the newc archive found at
 * linux,initrd-start within the device tree's window. Anything else (no
 * initramfs, a compressed one) leaves the device tree as it is.
 */
static int fix_initrd_end(u64 dtb, const char *cl)
{
	u64 start_prop, end_prop, start, end, size;
	u32 start_len, end_len;
	int err;

	err = cmdline_get_u64(cl, "initrd-size", &size);
	if (err && err != -ENOENT) {
		printk("linux-loader: initrd-size= is not a valid size on the command line \"%s\"\n",
		       cl);
		return err;
	}
	start_prop = fdt_prop(dtb, "linux,initrd-start", &start_len);
	end_prop = fdt_prop(dtb, "linux,initrd-end", &end_len);
	if (!start_prop || !end_prop || (start_len != 4 && start_len != 8) ||
	    (end_len != 4 && end_len != 8)) {
		if (err)
			return 0;	/* no initramfs: nothing to do */
		printk("linux-loader: initrd-size= given, but the device tree at 0x%lx has no 4- or 8-byte linux,initrd-start and linux,initrd-end\n",
		       (unsigned long)dtb);
		return -EINVAL;
	}
	start = read_cells(start_prop, start_len);
	end = read_cells(end_prop, end_len);
	if (err) {
		size = end > start ? cpio_size(start, end - start) : 0;
		if (!size)
			return 0;	/* compressed, or not found */
	}
	if (end_len == 4 && (start + size) >> 32) {
		printk("linux-loader: initramfs end 0x%lx does not fit the 4-byte linux,initrd-end\n",
		       (unsigned long)(start + size));
		return -EINVAL;
	}
	printk("linux-loader: initramfs 0x%lx-0x%lx (%s %lu bytes; the device tree said 0x%lx)\n",
	       (unsigned long)start, (unsigned long)(start + size),
	       err ? "cpio archive of" : "initrd-size=", (unsigned long)size,
	       (unsigned long)end);
	end = start + size;
	if (end_len == 8) {
		write_be32(end_prop, end >> 32);
		write_be32(end_prop + 4, end);
	} else {
		write_be32(end_prop, end);
	}
	return 0;
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
	if (fix_initrd_end(dtb, cl))
		return;

	printk("linux-loader: booting Image at 0x%lx, device tree at 0x%lx\n",
	       (unsigned long)kernel, (unsigned long)dtb);
	if (kernel_size)
		clean_dcache_range(kernel, kernel_size);
	clean_dcache_range(dtb, dtb_size);
	enter_kernel(kernel, dtb);
}
