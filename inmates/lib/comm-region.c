// SPDX-License-Identifier: MIT
/*
 * The communication region (ABI revision 2, signature "JHCOMM") that the
 * hypervisor maps at guest address 0x80000000. The hypervisor updates it
 * while the cell runs, so every field is accessed as volatile MMIO at its
 * fixed arm64 offset.
 */
#include <inmate.h>

#define COMM_REVISION		2

#define CR_SIGNATURE		0
#define CR_REVISION		6
#define CR_CELL_STATE		8
#define CR_MSG_TO_CELL		12
#define CR_REPLY_FROM_CELL	16
#define CR_FLAGS		20
#define CR_CON_ADDRESS		24
#define CR_CON_TYPE		36
#define CR_CON_FLAGS		38
#define CR_CON_DIVIDER		40
#define CR_PCI_MMCONFIG_BASE	56
#define CR_GIC_VERSION		64
#define CR_GICD_BASE		72
#define CR_GICR_BASE		88
#define CR_VPCI_IRQ_BASE	96

#define CR_FLAG_DBG_PUTC_PERMITTED	(1 << 0)
#define CR_FLAG_DBG_PUTC_ACTIVE		(1 << 1)

static const char signature[6] = { 'J', 'H', 'C', 'O', 'M', 'M' };
static bool present;

static u64 cr(unsigned int offset)
{
	return COMM_REGION_BASE + offset;
}

static bool signature_ok(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(signature); i++)
		if (mmio_read8(cr(CR_SIGNATURE + i)) != (u8)signature[i])
			return false;
	return true;
}

/* 64-bit fields are only 8-byte aligned by luck; read them as two words. */
static u64 read_u64(unsigned int offset)
{
	return mmio_read32(cr(offset)) |
	       ((u64)mmio_read32(cr(offset + 4)) << 32);
}

bool comm_region_probe(struct inmate_platform *p)
{
	u16 rev;

	if (!signature_ok())
		return false;
	rev = mmio_read16(cr(CR_REVISION));
	if (rev != COMM_REVISION) {
		p->have_comm_region = false;
		return false;
	}

	p->con_base = read_u64(CR_CON_ADDRESS);
	p->con_type = mmio_read16(cr(CR_CON_TYPE));
	p->con_flags = mmio_read16(cr(CR_CON_FLAGS));
	p->con_divider = mmio_read32(cr(CR_CON_DIVIDER));
	p->con_hypercall = !!(mmio_read32(cr(CR_FLAGS)) &
			      CR_FLAG_DBG_PUTC_ACTIVE);
	p->pci_mmconfig_base = read_u64(CR_PCI_MMCONFIG_BASE);
	p->gic_version = mmio_read8(cr(CR_GIC_VERSION));
	p->gicd_base = read_u64(CR_GICD_BASE);
	p->gicr_base = read_u64(CR_GICR_BASE);
	p->vpci_irq_base = mmio_read32(cr(CR_VPCI_IRQ_BASE));
	p->have_comm_region = true;
	present = true;
	return true;
}

u16 comm_region_revision(void)
{
	return signature_ok() ? mmio_read16(cr(CR_REVISION)) : 0;
}

u32 comm_region_cell_state(void)
{
	return present ? mmio_read32(cr(CR_CELL_STATE)) : 0;
}

/*
 * Protocol: the hypervisor clears the reply, then writes the message. We
 * clear the message, make that visible, then write the reply.
 */
u32 comm_region_poll(bool allow_shutdown)
{
	u32 msg, reply;

	if (!present)
		return 0;
	msg = mmio_read32(cr(CR_MSG_TO_CELL));
	if (!msg)
		return 0;

	switch (msg) {
	case COMM_MSG_SHUTDOWN_REQUEST:
		reply = allow_shutdown ? COMM_REPLY_REQUEST_APPROVED :
					 COMM_REPLY_REQUEST_DENIED;
		break;
	case COMM_MSG_RECONFIG_COMPLETED:
		reply = COMM_REPLY_RECEIVED;
		break;
	default:
		reply = COMM_REPLY_UNKNOWN;
		break;
	}
	mmio_write32(cr(CR_MSG_TO_CELL), 0);
	dsb_sy();
	mmio_write32(cr(CR_REPLY_FROM_CELL), reply);
	dsb_sy();
	return msg;
}
