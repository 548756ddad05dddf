// SPDX-License-Identifier: MIT
/*
 * wakeup - cost of waking a blocked process, on the same CPU and across
 * CPUs: a byte ping-pong over two pipes between two processes pinned to
 * the given CPUs, with a 1 ms pause every other round so that an idle CPU
 * has gone to sleep (as between two pings of the netbridge benchmark).
 * Prints the median one-way hand-off latency. Part of bench/net: the
 * netbridge round trip costs three such hand-offs, veth none.
 *
 * Usage: wakeup CPU_A CPU_B [ROUNDS]
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static int pin(int cpu)
{
	cpu_set_t s;

	CPU_ZERO(&s);
	CPU_SET(cpu, &s);
	if (sched_setaffinity(0, sizeof(s), &s) < 0) {
		fprintf(stderr, "wakeup: cannot run on CPU %d: %s\n", cpu,
			strerror(errno));
		return -1;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double d = *(const double *)a - *(const double *)b;

	return d < 0 ? -1 : d > 0;
}

int main(int argc, char **argv)
{
	int a, b, n, i, p1[2], p2[2], status;
	double *v, t;
	pid_t pid;
	char c = 'x';

	if (argc < 3) {
		fprintf(stderr, "usage: wakeup CPU_A CPU_B [ROUNDS]\n");
		return 2;
	}
	a = atoi(argv[1]);
	b = atoi(argv[2]);
	n = argc > 3 ? atoi(argv[3]) : 2000;
	v = calloc(n > 0 ? n : 1, sizeof(*v));
	if (n <= 0 || !v || pipe(p1) < 0 || pipe(p2) < 0) {
		fprintf(stderr, "wakeup: bad round count or out of resources\n");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "wakeup: fork: %s\n", strerror(errno));
		return 1;
	}
	if (!pid) {
		close(p1[1]);
		close(p2[0]);
		if (pin(b))
			_exit(1);
		for (i = 0; i < n; i++)
			if (read(p1[0], &c, 1) != 1 || write(p2[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	/* our ends only: a partner that fails is seen as EOF or EPIPE */
	signal(SIGPIPE, SIG_IGN);
	close(p1[0]);
	close(p2[1]);
	if (pin(a))
		return 1;
	for (i = 0; i < n; i++) {
		t = now_ns();
		if (write(p1[1], &c, 1) != 1 || read(p2[0], &c, 1) != 1) {
			fprintf(stderr, "wakeup: partner process failed\n");
			return 1;
		}
		v[i] = (now_ns() - t) / 2;
		if (i % 2)
			usleep(1000);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		fprintf(stderr, "wakeup: partner process failed\n");
		return 1;
	}
	qsort(v, n, sizeof(*v), cmp_double);
	printf("%.1f\n", v[n / 2] / 1000);
	return 0;
}
