// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor console: formatted output to the debug UART and to a ring the
 * driver exposes as /dev/jailhouse read() and sysfs "console".
 */
#include <hv/printk.h>
#include <hv/arch.h>
#include <asm/spinlock.h>
#include <jailhouse/header.h>

extern struct jailhouse_console_ring console_ring;
static spinlock_t printk_lock;

static void ring_putc(char c)
{
	u64 head = console_ring.head;

	console_ring.content[head % JAILHOUSE_CONSOLE_SIZE] = c;
	/* content before head: the driver reads head, then content */
	asm volatile("dmb ish" ::: "memory");
	console_ring.head = head + 1;
}

void console_putc(char c)
{
	if (c == '\n')
		arch_dbg_putc('\r');
	arch_dbg_putc(c);
	ring_putc(c);
}

struct fmt_out {
	char *buf;
	size_t size, pos;
};

static void out_c(struct fmt_out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void out_num(struct fmt_out *o, unsigned long long v, unsigned int base,
		    bool neg, int width, char pad)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	while (width-- > n)
		out_c(o, pad);
	while (n)
		out_c(o, tmp[--n]);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out o = { buf, size, 0 };
	unsigned long long uv;
	long long sv;
	const char *s;
	int width, lng, prec;
	char pad;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out_c(&o, *fmt);
			continue;
		}
		fmt++;
		pad = ' ';
		width = 0;
		lng = 0;
		prec = -1;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + *fmt++ - '0';
		if (*fmt == '.') {
			prec = 0;
			for (fmt++; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + *fmt - '0';
		}
		while (*fmt == 'l' || *fmt == 'z') {
			lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			out_c(&o, (char)va_arg(ap, int));
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			while (*s && prec--)
				out_c(&o, *s++);
			break;
		case 'd':
		case 'i':
			sv = lng ? va_arg(ap, long long) : va_arg(ap, int);
			out_num(&o, sv < 0 ? -sv : sv, 10, sv < 0, width, pad);
			break;
		case 'u':
		case 'x':
			uv = lng ? va_arg(ap, unsigned long long) :
				va_arg(ap, unsigned int);
			out_num(&o, uv, *fmt == 'x' ? 16 : 10, false, width,
				pad);
			break;
		case 'p':
			out_c(&o, '0');
			out_c(&o, 'x');
			out_num(&o, (unsigned long)va_arg(ap, void *), 16,
				false, width, pad);
			break;
		case '%':
			out_c(&o, '%');
			break;
		default:
			out_c(&o, '%');
			out_c(&o, *fmt);
			if (!*fmt)
				fmt--;
		}
	}
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = 0;
	return o.pos;
}

void vprintk(const char *fmt, va_list ap)
{
	char buf[256];
	const char *p;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	spin_lock(&printk_lock);
	for (p = buf; *p; p++)
		console_putc(*p);
	spin_unlock(&printk_lock);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return len;
}

/* The validator's reporter (jailhouse_report_t): "@ctx: message". */
void printk_report(void *ctx, const char *fmt, ...)
{
	va_list ap;

	printk("%s: ", (const char *)ctx);
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}
