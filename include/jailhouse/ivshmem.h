/* SPDX-License-Identifier: MIT */
/*
 * The ivshmem v2 device and the ivshmem-net protocol on the wire, as
 * shared/ABI.md describes them: one copy for the hypervisor that emulates
 * the device, the kernel modules and inmates that drive it, and netbridge
 * that speaks ivshmem-net in user space. Plain constants only, so that
 * kernel, hypervisor, freestanding and hosted code can all include it.
 * (libcellipc keeps its own copy of the few it needs: it is built and
 * installed on its own, as an SDK.)
 */
#ifndef _JAILHOUSE_IVSHMEM_H
#define _JAILHOUSE_IVSHMEM_H

#define IVSHM_VENDOR_ID		0x110a
#define IVSHM_DEVICE_ID		0x4106
/* PCI class code: 0xff (other), subclass 0x00, prog-if = protocol */
#define IVSHM_CLASS		0xff
#define IVSHM_CLASS_CODE(protocol)	(0xff0000 | (protocol))

/* BAR0 registers */
#define IVSHM_REG_ID		0x00
#define IVSHM_REG_MAX_PEERS	0x04
#define IVSHM_REG_INT_CTRL	0x08
#define IVSHM_REG_DOORBELL	0x0c
#define IVSHM_REG_STATE		0x10

/* the vendor-specific capability (id 0x09), offsets from its start */
#define IVSHM_CAP_LENGTH	0x02
#define IVSHM_CAP_PRIV_CTRL	0x03
#define IVSHM_CAP_STATE_SIZE	0x04
#define IVSHM_CAP_RW_SIZE	0x08
#define IVSHM_CAP_OUTPUT_SIZE	0x10
#define IVSHM_CAP_ADDR		0x18
/* capability length when it carries the shared-memory address */
#define IVSHM_CAP_LEN_WITH_ADDR	0x20
#define IVSHM_PRIV_CTRL_ONESHOT	0x01

/* ivshmem-net (protocol 0x0001): link states in the state register */
#define IVNET_PROTOCOL		0x0001
#define IVNET_STATE_RESET	0
#define IVNET_STATE_INIT	1
#define IVNET_STATE_READY	2
#define IVNET_STATE_RUN		3

/* ivshmem-net section layout: a virtio split ring, then the frames */
#define IVNET_VRING_ALIGN	64
#define IVNET_FRAME_ALIGN	64
#define IVNET_MAX_QLEN		4096
#define IVNET_MIN_QLEN		32
#define IVNET_MTU_DEFAULT	16384
#define IVNET_MIN_MTU		68
/* Ethernet header plus a VLAN tag: frame length = mtu + IVNET_FRAME_HDR */
#define IVNET_FRAME_HDR		18

#endif
