// SPDX-License-Identifier: MIT
/*
 * TCP throughput between two cells with large writes (busybox nc moves a
 * few KiB per system call and measures itself more than the link).
 *
 *   tcpblast recv PORT [COUNT]    accept COUNT connections (default 1) one
 *                                 after the other, read each to its end
 *   tcpblast send HOST PORT MIB   send MIB MiB of 'Z' (0x5a) in 64 KiB
 *                                 writes, then wait for the receiver to
 *                                 close
 *   tcpblast udp HOST PORT MIB    send MIB MiB in datagrams (one of 16000
 *                                 bytes, three of 300, ...) as
 *                                 fast as the interface takes them (no
 *                                 flow control: fills a driver's ring);
 *                                 HOST may be a broadcast address
 *
 * Both print "tcpblast: <sent|received> N bytes in S s, K kB/s".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CHUNK	65536

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void report(const char *what, unsigned long long n, double t)
{
	if (t <= 0)
		t = 1e-6;
	printf("tcpblast: %s %llu bytes in %.2f s, %.0f kB/s\n", what, n, t,
	       n / t / 1000);
	fflush(stdout);
}

static int do_recv(int port, int count)
{
	static char buf[CHUNK];
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(port) };
	int one = 1, ls, fd, i;

	ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0 || setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one,
				 sizeof(one)) ||
	    bind(ls, (struct sockaddr *)&a, sizeof(a)) || listen(ls, 1)) {
		perror("tcpblast: listen");
		return 1;
	}
	for (i = 0; i < count; i++) {
		unsigned long long n = 0;
		double t0;
		ssize_t r;

		fd = accept(ls, NULL, NULL);
		if (fd < 0) {
			perror("tcpblast: accept");
			return 1;
		}
		t0 = now();
		while ((r = read(fd, buf, sizeof(buf))) > 0)
			n += r;
		report("received", n, now() - t0);
		close(fd);
	}
	close(ls);
	return 0;
}

static int do_send(const char *host, int port, int mib)
{
	static char buf[CHUNK];
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(port) };
	unsigned long long n = 0, total = (unsigned long long)mib << 20;
	double t0;
	int fd;

	memset(buf, 0x5a, sizeof(buf));
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || inet_pton(AF_INET, host, &a.sin_addr) != 1 ||
	    connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		fprintf(stderr, "tcpblast: connect %s:%d: %s\n", host, port,
			strerror(errno));
		return 1;
	}
	t0 = now();
	while (n < total) {
		size_t len = total - n < CHUNK ? total - n : CHUNK;
		ssize_t w = write(fd, buf, len);

		if (w <= 0) {
			perror("tcpblast: write");
			return 1;
		}
		n += w;
	}
	shutdown(fd, SHUT_WR);
	/* the receiver closes once it has read everything */
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	report("sent", n, now() - t0);
	close(fd);
	return 0;
}

static int do_udp(const char *host, int port, int mib)
{
	static char buf[16000];
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(port) };
	unsigned long long n = 0, total = (unsigned long long)mib << 20;
	double t0;
	int fd, one = 1;
	unsigned int i;

	memset(buf, 0x5a, sizeof(buf));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one,
				 sizeof(one)) || inet_pton(AF_INET, host, &a.sin_addr) != 1 ||
	    connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		fprintf(stderr, "tcpblast: udp %s:%d: %s\n", host, port,
			strerror(errno));
		return 1;
	}
	t0 = now();
	for (i = 0; n < total; i++) {
		/* large and small ones: a completion may free too little */
		size_t len = i % 4 ? 300 : sizeof(buf);

		/* a full queue or an ICMP error: go on */
		if (send(fd, buf, len, 0) > 0)
			n += len;
	}
	report("sent (udp)", n, now() - t0);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "recv"))
		return do_recv(atoi(argv[2]), argc > 3 ? atoi(argv[3]) : 1);
	if (argc == 5 && !strcmp(argv[1], "send"))
		return do_send(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (argc == 5 && !strcmp(argv[1], "udp"))
		return do_udp(argv[2], atoi(argv[3]), atoi(argv[4]));
	fprintf(stderr, "usage: tcpblast recv PORT [COUNT] | "
		"tcpblast send|udp HOST PORT MIB\n");
	return 2;
}
