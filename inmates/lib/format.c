// SPDX-License-Identifier: MIT
/*
 * printf-style formatting for printk() and snprintk(). Portable C without
 * libc so that the host unit tests can build it unchanged.
 */
#include <format.h>

#define FL_LEFT		0x01
#define FL_ZERO		0x02
#define FL_PLUS		0x04
#define FL_SPACE	0x08
#define FL_ALT		0x10
#define FL_UPPER	0x20

struct spec {
	unsigned int flags;
	int width;
	int precision;		/* -1: none */
};

struct sink {
	format_out_t out;
	void *ctx;
	int count;
};

static void emit(struct sink *s, char c)
{
	s->out(c, s->ctx);
	s->count++;
}

static void emit_pad(struct sink *s, char c, int n)
{
	while (n-- > 0)
		emit(s, c);
}

static void emit_string(struct sink *s, const struct spec *sp,
			const char *str)
{
	int len = 0;

	if (!str)
		str = "(null)";
	while (str[len] && (sp->precision < 0 || len < sp->precision))
		len++;
	if (!(sp->flags & FL_LEFT))
		emit_pad(s, ' ', sp->width - len);
	for (int i = 0; i < len; i++)
		emit(s, str[i]);
	if (sp->flags & FL_LEFT)
		emit_pad(s, ' ', sp->width - len);
}

static void emit_number(struct sink *s, const struct spec *sp, u64 val,
			bool negative, unsigned int base)
{
	const char *digits = (sp->flags & FL_UPPER) ? "0123456789ABCDEF" :
						      "0123456789abcdef";
	char buf[24];
	const char *prefix = "";
	int len = 0, prefix_len, zeros = 0, pad;

	while (val) {
		buf[len++] = digits[val % base];
		val /= base;
	}
	if (len == 0 && sp->precision != 0)
		buf[len++] = '0';

	if (negative)
		prefix = "-";
	else if (sp->flags & FL_PLUS)
		prefix = "+";
	else if (sp->flags & FL_SPACE)
		prefix = " ";
	if ((sp->flags & FL_ALT) && base == 16 && len && buf[len - 1] != '0')
		prefix = (sp->flags & FL_UPPER) ? "0X" : "0x";
	if ((sp->flags & FL_ALT) && base == 8 && buf[len - 1] != '0')
		prefix = "0";
	for (prefix_len = 0; prefix[prefix_len]; prefix_len++)
		;

	if (sp->precision > len)
		zeros = sp->precision - len;
	pad = sp->width - len - zeros - prefix_len;
	if ((sp->flags & FL_ZERO) && !(sp->flags & FL_LEFT) &&
	    sp->precision < 0 && pad > 0) {
		zeros += pad;
		pad = 0;
	}

	if (!(sp->flags & FL_LEFT))
		emit_pad(s, ' ', pad);
	for (int i = 0; i < prefix_len; i++)
		emit(s, prefix[i]);
	emit_pad(s, '0', zeros);
	while (len)
		emit(s, buf[--len]);
	if (sp->flags & FL_LEFT)
		emit_pad(s, ' ', pad);
}

static const char *parse_flags(const char *f, struct spec *sp)
{
	for (;; f++) {
		switch (*f) {
		case '-':
			sp->flags |= FL_LEFT;
			break;
		case '0':
			sp->flags |= FL_ZERO;
			break;
		case '+':
			sp->flags |= FL_PLUS;
			break;
		case ' ':
			sp->flags |= FL_SPACE;
			break;
		case '#':
			sp->flags |= FL_ALT;
			break;
		default:
			return f;
		}
	}
}

static const char *parse_int(const char *f, int *val, va_list *ap)
{
	if (*f == '*') {
		*val = va_arg(*ap, int);
		return f + 1;
	}
	*val = 0;
	while (*f >= '0' && *f <= '9')
		*val = *val * 10 + (*f++ - '0');
	return f;
}

/* Length modifier: number of 'l' (2 for ll/z), -1 for h, -2 for hh. */
static const char *parse_length(const char *f, int *length)
{
	*length = 0;
	if (*f == 'z') {
		*length = 2;
		return f + 1;
	}
	while (*f == 'l' && *length < 2) {
		(*length)++;
		f++;
	}
	while (*f == 'h' && *length > -2) {
		(*length)--;
		f++;
	}
	return f;
}

static u64 get_unsigned(int length, va_list *ap)
{
	if (length >= 1)
		return va_arg(*ap, unsigned long long);
	if (length == -1)
		return (unsigned short)va_arg(*ap, unsigned int);
	if (length == -2)
		return (unsigned char)va_arg(*ap, unsigned int);
	return va_arg(*ap, unsigned int);
}

static s64 get_signed(int length, va_list *ap)
{
	if (length >= 1)
		return va_arg(*ap, long long);
	if (length == -1)
		return (short)va_arg(*ap, int);
	if (length == -2)
		return (signed char)va_arg(*ap, int);
	return va_arg(*ap, int);
}

static void convert(struct sink *s, struct spec *sp, int length, char conv,
		    va_list *ap)
{
	s64 sval;
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		sval = get_signed(length, ap);
		emit_number(s, sp, sval < 0 ? -(u64)sval : (u64)sval,
			    sval < 0, 10);
		break;
	case 'u':
		emit_number(s, sp, get_unsigned(length, ap), false, 10);
		break;
	case 'X':
		sp->flags |= FL_UPPER;
		/* fall through */
	case 'x':
		emit_number(s, sp, get_unsigned(length, ap), false, 16);
		break;
	case 'o':
		emit_number(s, sp, get_unsigned(length, ap), false, 8);
		break;
	case 'p':
		sp->flags |= FL_ALT;
		emit_number(s, sp, (u64)(uintptr_t)va_arg(*ap, void *), false,
			    16);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		sp->precision = 1;
		{
			char str[2] = { c, 0 };

			emit_string(s, sp, str);
		}
		break;
	case 's':
		emit_string(s, sp, va_arg(*ap, const char *));
		break;
	default:
		emit(s, '%');
		if (conv)
			emit(s, conv);
		break;
	}
}

int format_v(format_out_t out, void *ctx, const char *fmt, va_list ap)
{
	struct sink s = { .out = out, .ctx = ctx, .count = 0 };
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		struct spec sp = { .flags = 0, .width = 0, .precision = -1 };
		int length;

		if (*fmt != '%') {
			emit(&s, *fmt++);
			continue;
		}
		fmt++;
		if (*fmt == '%') {
			emit(&s, *fmt++);
			continue;
		}
		fmt = parse_flags(fmt, &sp);
		fmt = parse_int(fmt, &sp.width, &args);
		if (sp.width < 0) {
			sp.flags |= FL_LEFT;
			sp.width = -sp.width;
		}
		if (*fmt == '.') {
			fmt = parse_int(fmt + 1, &sp.precision, &args);
			if (sp.precision < 0)
				sp.precision = -1;
		}
		fmt = parse_length(fmt, &length);
		convert(&s, &sp, length, *fmt, &args);
		if (*fmt)
			fmt++;
	}
	va_end(args);
	return s.count;
}

struct buf_ctx {
	char *buf;
	size_t size;
	size_t pos;
};

static void buf_out(char c, void *ctx)
{
	struct buf_ctx *b = ctx;

	if (b->pos + 1 < b->size)
		b->buf[b->pos] = c;
	b->pos++;
}

int vsnprintk(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_ctx b = { .buf = buf, .size = size, .pos = 0 };
	int len;

	len = format_v(buf_out, &b, fmt, ap);
	if (size)
		buf[b.pos < size ? b.pos : size - 1] = 0;
	return len;
}

int snprintk(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintk(buf, size, fmt, ap);
	va_end(ap);
	return len;
}
