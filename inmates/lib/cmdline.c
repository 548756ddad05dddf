// SPDX-License-Identifier: MIT
/*
 * Command line parsing ("key=value" and "flag" words). Portable C without
 * libc so that the host unit tests can build it unchanged.
 */
#include <cmdline.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Find the last word whose key is @key. On success return the start of its
 * value (after '=', or the end of the word for a flag) and its length.
 */
static const char *find_value(const char *cmdline, const char *key,
			      size_t *len)
{
	const char *found = NULL;
	const char *p = cmdline;
	size_t klen = 0;

	if (!cmdline || !key)
		return NULL;
	while (key[klen])
		klen++;
	if (klen == 0)
		return NULL;

	while (*p) {
		const char *word, *end;
		size_t i;

		while (*p && is_blank(*p))
			p++;
		word = p;
		while (*p && !is_blank(*p))
			p++;
		end = p;
		if (word == end)
			break;

		for (i = 0; i < klen && word + i < end; i++)
			if (word[i] != key[i])
				break;
		if (i != klen)
			continue;
		if (word + klen == end) {
			found = end;
			*len = 0;
		} else if (word[klen] == '=') {
			found = word + klen + 1;
			*len = end - found;
		}
	}
	return found;
}

int cmdline_get_str(const char *cmdline, const char *key, char *buf,
		    size_t size)
{
	const char *val;
	size_t len, i;

	val = find_value(cmdline, key, &len);
	if (!val)
		return -ENOENT;
	if (len + 1 > size)
		return -E2BIG;
	for (i = 0; i < len; i++)
		buf[i] = val[i];
	buf[len] = 0;
	return (int)len;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

int parse_u64(const char *str, size_t len, u64 *val)
{
	unsigned int base = 10;
	u64 result = 0;
	size_t i = 0;

	if (len == 0)
		return -EINVAL;
	if (len > 2 && str[0] == '0' && (str[1] == 'x' || str[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (len > 1 && str[0] == '0') {
		base = 8;
		i = 1;
	}

	for (; i < len; i++) {
		int d = digit_value(str[i]);

		if (d >= (int)base)
			return -EINVAL;
		if (result > (UINT64_MAX - d) / base)
			return -ERANGE;
		result = result * base + d;
	}
	*val = result;
	return 0;
}

int cmdline_get_u64(const char *cmdline, const char *key, u64 *val)
{
	const char *str;
	size_t len;

	str = find_value(cmdline, key, &len);
	if (!str)
		return -ENOENT;
	return parse_u64(str, len, val);
}

u64 cmdline_u64(const char *cmdline, const char *key, u64 def)
{
	u64 val;

	if (cmdline_get_u64(cmdline, key, &val) < 0)
		return def;
	return val;
}

bool cmdline_has(const char *cmdline, const char *key)
{
	size_t len;

	return find_value(cmdline, key, &len) != NULL;
}
