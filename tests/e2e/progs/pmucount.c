// SPDX-License-Identifier: MIT
/*
 * pmucount: the PMU works for the software of this cell. Counts CPU cycles
 * of a busy loop through perf_event_open (hardware event, so the PMU's
 * cycle counter) with a sampling period, so that the PMU's overflow
 * interrupt fires, and reports the cycles and how many PMU interrupts
 * /proc/interrupts saw meanwhile:
 *   pmucount: cycles=N pmu-irqs=M
 *   pmucount: PMU-OK            (both non-zero)
 */
#define _GNU_SOURCE
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define SAMPLE_PERIOD	1000000ULL

/* Sum of the per-CPU counts of every /proc/interrupts line naming a PMU. */
static unsigned long long pmu_irqs(void)
{
	FILE *f = fopen("/proc/interrupts", "r");
	unsigned long long sum = 0, v;
	char line[512], *p, *end;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, "pmu"))
			continue;
		p = strchr(line, ':');
		if (!p)
			continue;
		for (p++;; p = end) {
			v = strtoull(p, &end, 10);
			if (end == p)
				break;
			sum += v;
		}
	}
	fclose(f);
	return sum;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	struct perf_event_attr attr;
	unsigned long long cycles = 0, irqs0, irqs1;
	volatile unsigned long spin = 0;
	double start;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_HARDWARE;
	attr.config = PERF_COUNT_HW_CPU_CYCLES;
	attr.sample_period = SAMPLE_PERIOD;
	attr.disabled = 1;
	fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
	if (fd < 0) {
		perror("pmucount: perf_event_open(cycles)");
		return 1;
	}
	irqs0 = pmu_irqs();
	ioctl(fd, PERF_EVENT_IOC_RESET, 0);
	ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
	for (start = now(); now() - start < 1.0;)
		spin++;
	ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
	if (read(fd, &cycles, sizeof(cycles)) != sizeof(cycles)) {
		perror("pmucount: read");
		return 1;
	}
	irqs1 = pmu_irqs();
	printf("pmucount: cycles=%llu pmu-irqs=%llu\n", cycles, irqs1 - irqs0);
	if (!cycles || irqs1 == irqs0) {
		printf("pmucount: PMU-BROKEN\n");
		return 1;
	}
	printf("pmucount: PMU-OK\n");
	return 0;
}
