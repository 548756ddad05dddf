// SPDX-License-Identifier: MIT
/*
 * The communication region (struct jailhouse_comm_region, ABI revision 2)
 * that the hypervisor maps at guest address 0x80000000. The hypervisor
 * updates it while the cell runs, so every field is accessed as volatile
 * MMIO at its offset in the shared structure.
 */
#include <inmate.h>

#define CR(field)							\
	(COMM_REGION_BASE +						\
	 __builtin_offsetof(struct jailhouse_comm_region, field))

static bool present;

static bool signature_ok(void)
{
	static const char magic[] = COMM_REGION_MAGIC;
	unsigned int i;

	for (i = 0; i < sizeof(magic) - 1; i++)
		if (mmio_read8(CR(signature) + i) != (u8)magic[i])
			return false;
	return true;
}

/* 64-bit fields of the packed layout are read as two aligned words. */
static u64 read_u64(u64 addr)
{
	return mmio_read32(addr) | ((u64)mmio_read32(addr + 4) << 32);
}

bool comm_region_probe(struct inmate_platform *p)
{
	if (!signature_ok() ||
	    mmio_read16(CR(revision)) != JAILHOUSE_COMM_REGION_ABI_REVISION)
		return false;

	p->con_base = read_u64(CR(console.address));
	p->con_type = mmio_read16(CR(console.type));
	p->con_flags = mmio_read16(CR(console.flags));
	p->con_divider = mmio_read32(CR(console.divider));
	p->con_hypercall = !!(mmio_read32(CR(flags)) &
			      JAILHOUSE_COMM_FLAG_DBG_PUTC_ACTIVE);
	p->pci_mmconfig_base = read_u64(CR(pci_mmconfig_base));
	p->gic_version = mmio_read8(CR(gic_version));
	p->gicd_base = read_u64(CR(gicd_base));
	p->gicr_base = read_u64(CR(gicr_base));
	p->vpci_irq_base = mmio_read32(CR(vpci_irq_base));
	p->have_comm_region = true;
	present = true;
	return true;
}

u16 comm_region_revision(void)
{
	return signature_ok() ? mmio_read16(CR(revision)) : 0;
}

u32 comm_region_cell_state(void)
{
	return present ? mmio_read32(CR(cell_state)) : 0;
}

/*
 * Protocol: the hypervisor clears the reply, then writes the message. We
 * clear the message, make that visible, then write the reply.
 */
u32 comm_region_poll(bool allow_shutdown)
{
	u32 msg, reply;

	if (!present)
		return JAILHOUSE_MSG_NONE;
	msg = mmio_read32(CR(msg_to_cell));
	if (msg == JAILHOUSE_MSG_NONE)
		return msg;

	switch (msg) {
	case JAILHOUSE_MSG_SHUTDOWN_REQUEST:
		reply = allow_shutdown ? JAILHOUSE_MSG_REQUEST_APPROVED :
					 JAILHOUSE_MSG_REQUEST_DENIED;
		break;
	case JAILHOUSE_MSG_RECONFIG_COMPLETED:
		reply = JAILHOUSE_MSG_RECEIVED;
		break;
	default:
		reply = JAILHOUSE_MSG_UNKNOWN;
		break;
	}
	mmio_write32(CR(msg_to_cell), JAILHOUSE_MSG_NONE);
	dsb_sy();
	mmio_write32(CR(reply_from_cell), reply);
	dsb_sy();
	return msg;
}

bool shutdown_allowed_by_cmdline(void)
{
	char policy[8];

	if (cmdline_get_str(cmdline(), "shutdown", policy, sizeof(policy)) < 0)
		return true;
	return strcmp(policy, "deny") != 0;
}

bool comm_region_answer(const char *who, bool allow_shutdown)
{
	if (comm_region_poll(allow_shutdown) != JAILHOUSE_MSG_SHUTDOWN_REQUEST)
		return false;
	if (allow_shutdown)
		printk("%s: shutdown requested, stopping\n", who);
	else
		printk("%s: shutdown request denied (shutdown=deny)\n", who);
	return allow_shutdown;
}
