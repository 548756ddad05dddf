# SPDX-License-Identifier: MIT
#
# One entry point for everything: `make run` boots the emulated board,
# `make test` runs every test. Both install what is missing first.
#
#   make deps     host packages + Debian's arm64 kernel (no-op when present)
#   make all      build every component (default)
#   make image    the board: root.dtb, root.cpio (with the inmate rootfs)
#   make run      boot the board: primary terminal (root cell, hvc0) above,
#                 secondary terminal (PL011: hypervisor, inmates) below
#   make test     unit tests, component tests, end-to-end scenarios
#   make bench    benchmarks (ratios against baselines of the same run)
#   make fuzz     long fuzz runs
#   make install DESTDIR=DIR   the board's side into DIR (a target root
#                 file system), as the TI SDK's `make jailhouse_install`
#   make install-sdk [PREFIX=/usr/local] [DESTDIR=]   the host-side SDK
#                 (libcellipc: headers, libs, pkg-config, man pages)
#   make install-dkms [DESTDIR=]   the module sources for DKMS in
#                 /usr/src/jailhouse-VERSION (see README, "DKMS")
#   ROOT_OVERLAY=DIR make run   DIR's tree copied over the root cell's
#                 file system (e.g. DIR/boot/my-inmate.rootfs.cpio)

TOP := $(CURDIR)
BUILD := $(TOP)/build
BOARD := $(BUILD)/board
CROSS_COMPILE ?= aarch64-linux-gnu-
PREFIX ?= /usr/local

# Build order matters: apps link libcellipc, configs need include/.
# What a component's Makefile must provide (all, install DESTDIR=, clean;
# optional test, install-inmate, bench, fuzz): README.md, "Components".
COMPONENTS ?= libcellipc hypervisor driver ivshmem tools configs inmates apps
PRESENT := $(foreach c,$(COMPONENTS),$(if $(wildcard $(c)/Makefile),$(c)))

-include $(BUILD)/kernel/kernel.mk

# has_target DIR TARGET: does DIR/Makefile define TARGET? (Asking make with
# -n would run the recursive make lines it contains.)
has_target = grep -qE '^([^:=\#]* )?$(2)( [^:=]*)?:' $(1)/Makefile

# Components read kernel.mk themselves; pass the kernel only when known.
SUBMAKE = $(MAKE) --no-print-directory -C $(1) BUILD=$(BUILD) \
	CROSS_COMPILE=$(CROSS_COMPILE) $(if $(KDIR),KDIR=$(KDIR) KREL=$(KREL))

# each_with_target TARGET: make TARGET in every component that has it.
each_with_target = for c in $(PRESENT); do \
		if $(call has_target,$$c,$(1)); then \
			$(call SUBMAKE,$$c) $(1) || exit 1; \
		fi; \
	done

INMATE_CPIO_NAME := jailhouse-inmate-qemu-arm64.rootfs.cpio

.PHONY: all deps kernel components image pack-image run test bench fuzz \
	install install-target install-sdk install-dkms clean \
	$(addprefix build-,$(PRESENT)) e2e-progs

all: image

deps:
	@platform/deps.sh

kernel: deps
	@platform/qemu/fetch-kernel.sh $(BUILD)

# kernel.mk only exists after `kernel`; re-enter make so that KDIR and KREL
# are defined for the component builds.
components: kernel
	@$(MAKE) --no-print-directory $(addprefix build-,$(PRESENT)) e2e-progs

$(addprefix build-,$(PRESENT)): build-%:
	@echo "  BUILD   $*"
	@$(call SUBMAKE,$*) all

e2e-progs:
	@$(MAKE) --no-print-directory -C tests/e2e/progs BUILD=$(BUILD) \
		CROSS_COMPILE=$(CROSS_COMPILE)

# kernel.mk may not have existed when this make started (a fresh clone):
# pack the image in a make that reads it.
image: components
	@$(MAKE) --no-print-directory pack-image

pack-image:
	@test -n "$(KIMAGE)" || { echo "image: no kernel; run 'make kernel'" >&2; exit 1; }
	@test -z "$(ROOT_OVERLAY)" || test -d "$(ROOT_OVERLAY)" || { \
		echo "image: ROOT_OVERLAY '$(ROOT_OVERLAY)' is not a directory" \
			"(expected a tree to copy over the root file system)" >&2; \
		exit 1; }
	@echo "  IMAGE   $(BOARD)"
	@rm -rf $(BOARD)/stage-root $(BOARD)/stage-inmate
	@mkdir -p $(BOARD)/stage-root/boot $(BOARD)/stage-root/etc \
		$(BOARD)/stage-inmate
	@cp platform/qemu/motd $(BOARD)/stage-root/etc/motd
	@$(MAKE) --no-print-directory install-target \
		DESTDIR=$(BOARD)/stage-root >/dev/null
	@for c in $(PRESENT); do \
		if $(call has_target,$$c,install-inmate); then \
			$(call SUBMAKE,$$c) install-inmate \
				DESTDIR=$(BOARD)/stage-inmate >/dev/null || exit 1; \
		fi; \
	done
	@$(MAKE) --no-print-directory -C tests/e2e/progs BUILD=$(BUILD) \
		install DESTDIR=$(BOARD)/stage-root >/dev/null
	@platform/qemu/mkdtb.sh $(BOARD)
	@platform/qemu/mkrootfs.sh $(BUILD)/kernel/kernel.mk \
		platform/qemu/init-inmate platform/qemu/inmate-modules.txt \
		$(BOARD)/stage-root/boot/$(INMATE_CPIO_NAME) $(BOARD)/stage-inmate
	@cp $(KIMAGE) $(BOARD)/stage-root/boot/Image
	@platform/qemu/mksd.sh $(BUILD) $(BOARD)
	@if [ -n "$(ROOT_OVERLAY)" ]; then \
		cp -R "$(ROOT_OVERLAY)/." $(BOARD)/stage-root/ || exit 1; \
		echo "  OVERLAY $(ROOT_OVERLAY)"; \
	fi
	@platform/qemu/mkrootfs.sh $(BUILD)/kernel/kernel.mk \
		platform/qemu/init-root platform/qemu/root-modules.txt \
		$(BOARD)/root.cpio $(BOARD)/stage-root

run: image
	@platform/qemu/run-board

test: image
	@tests/run-all $(PRESENT)

bench: image
	@$(call each_with_target,bench)
	@bench/perf/run

fuzz: components
	@$(call each_with_target,fuzz)

# Refused before anything is built: an unset DESTDIR would install the
# board's files into this machine's /.
ifneq ($(filter install install-target,$(MAKECMDGOALS)),)
ifeq ($(strip $(DESTDIR)),)
$(error install: DESTDIR is not set (expected the target's root file system, \
e.g. DESTDIR=/media/rootfs); the host SDK is 'make install-sdk')
endif
endif

# The board's side, laid out as the TI SDK's `make jailhouse_install
# DESTDIR=` does (README, "Installing"): every component's own `install`.
# pack-image uses it, so the board runs what this installs.
install: components
	@$(MAKE) --no-print-directory install-target

install-target:
	@test -n "$(KREL)" || { echo "install: no kernel; run 'make kernel'" >&2; \
		exit 1; }
	@for c in $(PRESENT); do \
		$(call SUBMAKE,$$c) install DESTDIR=$(abspath $(DESTDIR)) || exit 1; \
	done

# The module sources and dkms.conf for DKMS (README, "On a distro kernel
# (DKMS)"): then `dkms install jailhouse/$(VERSION)`.
VERSION := $(shell cat $(TOP)/VERSION)
DKMS_SRC = $(abspath $(DESTDIR))/usr/src/jailhouse-$(VERSION)
install-dkms:
	@echo "  DKMS    $(DKMS_SRC)"
	@dkms/mksource.sh $(TOP) $(DKMS_SRC) $(VERSION)

# The host SDK only: libcellipc for host programs (no kernel needed).
install-sdk:
	@$(call SUBMAKE,libcellipc) install-host PREFIX=$(PREFIX) \
		$(if $(DESTDIR),DESTDIR=$(abspath $(DESTDIR)))

clean:
	@for c in $(PRESENT); do $(call SUBMAKE,$$c) clean; done
	@rm -rf $(BOARD) $(BUILD)/e2e $(BUILD)/test-logs
