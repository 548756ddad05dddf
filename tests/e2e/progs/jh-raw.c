// SPDX-License-Identifier: MIT
/*
 * jh-raw: the cell ioctls of /dev/jailhouse without the checks of the
 * jailhouse tool, so that scenarios reach the driver's own refusals.
 *   jh-raw destroy ID
 *   jh-raw start ID
 *   jh-raw load ID ADDRESS SIZE [ADDRESS SIZE]...   (images of 'A' bytes)
 * Exit status 0 if the ioctl succeeded, 1 (with strerror) if refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <jailhouse/ioctl.h>

static int run(unsigned long cmd, void *arg)
{
	int fd = open("/dev/jailhouse", O_RDWR), err;

	if (fd < 0) {
		perror("jh-raw: /dev/jailhouse");
		return 1;
	}
	err = ioctl(fd, cmd, arg) < 0 ? errno : 0;
	close(fd);
	if (err)
		fprintf(stderr, "jh-raw: refused: %s\n", strerror(err));
	return !!err;
}

static int load(int argc, char *argv[], struct jailhouse_cell_id id)
{
	unsigned int n, count = (argc - 3) / 2;
	struct jailhouse_cell_load *req;
	int ret;

	req = calloc(1, sizeof(*req) + count * sizeof(req->image[0]));
	if (!req)
		return 1;
	req->cell_id = id;
	req->num_preload_images = count;
	for (n = 0; n < count; n++) {
		struct jailhouse_preload_image *img = &req->image[n];
		char *data;

		img->target_address = strtoull(argv[3 + 2 * n], NULL, 0);
		img->size = strtoull(argv[4 + 2 * n], NULL, 0);
		data = malloc(img->size ? img->size : 1);
		if (!data)
			return 1;
		memset(data, 'A', img->size);
		img->source_address = (unsigned long)data;
	}
	ret = run(JAILHOUSE_CELL_LOAD, req);
	free(req);
	return ret;
}

int main(int argc, char *argv[])
{
	struct jailhouse_cell_id id = { 0 };

	if (argc < 3 || (!strcmp(argv[1], "load") && argc % 2 == 0)) {
		fprintf(stderr, "usage: jh-raw {destroy|start} ID | "
			"jh-raw load ID ADDRESS SIZE...\n");
		return 2;
	}
	id.id = atoi(argv[2]);
	if (!strcmp(argv[1], "destroy"))
		return run(JAILHOUSE_CELL_DESTROY, &id);
	if (!strcmp(argv[1], "start"))
		return run(JAILHOUSE_CELL_START, &id);
	return load(argc, argv, id);
}
