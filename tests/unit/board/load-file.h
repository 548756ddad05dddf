/* SPDX-License-Identifier: MIT */
/* Reading a build artifact whole, for the board unit tests. */
#ifndef LOAD_FILE_H
#define LOAD_FILE_H

#include <stdio.h>
#include <stdlib.h>

/* The contents of @path (malloc'ed, *size bytes), or NULL, said why. */
static inline void *load_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	long len;
	void *buf;

	*size = 0;
	if (!f) {
		fprintf(stderr, "cannot open %s; run 'make image'\n", path);
		return NULL;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = len > 0 ? malloc(len) : NULL;
	if (buf && fread(buf, 1, len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (!buf)
		fprintf(stderr, "cannot read %s\n", path);
	else
		*size = len;
	return buf;
}

#endif
