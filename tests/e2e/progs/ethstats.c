// SPDX-License-Identifier: MIT
/*
 * Prints a network interface's driver statistics, one "name value" line
 * each, as `ethtool -S IFNAME` does (busybox has no ethtool).
 *
 *   ethstats IFNAME
 */
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int ethtool(int fd, const char *ifname, void *cmd)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	ifr.ifr_data = cmd;
	return ioctl(fd, SIOCETHTOOL, &ifr);
}

int main(int argc, char **argv)
{
	struct ethtool_drvinfo info = { .cmd = ETHTOOL_GDRVINFO };
	struct ethtool_gstrings *names;
	struct ethtool_stats *stats;
	uint32_t i, n;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: ethstats IFNAME\n");
		return 2;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || ethtool(fd, argv[1], &info)) {
		perror(argv[1]);
		return 1;
	}
	n = info.n_stats;
	names = calloc(1, sizeof(*names) + n * ETH_GSTRING_LEN);
	stats = calloc(1, sizeof(*stats) + n * sizeof(uint64_t));
	if (!names || !stats)
		return 1;
	names->cmd = ETHTOOL_GSTRINGS;
	names->string_set = ETH_SS_STATS;
	names->len = n;
	stats->cmd = ETHTOOL_GSTATS;
	stats->n_stats = n;
	if (ethtool(fd, argv[1], names) || ethtool(fd, argv[1], stats)) {
		perror(argv[1]);
		return 1;
	}
	printf("driver %s bus %s\n", info.driver, info.bus_info);
	for (i = 0; i < n; i++)
		printf("%.*s %llu\n", ETH_GSTRING_LEN,
		       (const char *)names->data + i * ETH_GSTRING_LEN,
		       (unsigned long long)stats->data[i]);
	close(fd);
	return 0;
}
