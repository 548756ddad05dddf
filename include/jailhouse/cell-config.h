/* SPDX-License-Identifier: MIT */
/*
 * Cell and system configuration format, revision 14 (binary compatible with
 * the published Jailhouse 0.12 format). All structures are packed and
 * little-endian. A C config declares a packed wrapper struct: the header
 * (struct jailhouse_system or struct jailhouse_cell_desc), then the CPU
 * bitmap, memory regions, cache regions, irqchips, PIO regions, PCI devices,
 * PCI capabilities and stream ids, in this order.
 */
#ifndef _JAILHOUSE_CELL_CONFIG_H
#define _JAILHOUSE_CELL_CONFIG_H

#include <jailhouse/types.h>

#define JAILHOUSE_CONFIG_REVISION	14

#define JAILHOUSE_CELL_NAME_MAXLEN	31

#define JAILHOUSE_X86			0
#define JAILHOUSE_ARM			1
#define JAILHOUSE_ARM64			2

#define JAILHOUSE_SYSTEM_SIGNATURE	"JHSYS"
#define JAILHOUSE_CELL_DESC_SIGNATURE	"JHCLL"
#define JAILHOUSE_SIGNATURE_SIZE	5

/* Cell flags */
#define JAILHOUSE_CELL_PASSIVE_COMMREG		0x00000001
#define JAILHOUSE_CELL_TEST_DEVICE		0x00000002
#define JAILHOUSE_CELL_AARCH32			0x00000004
#define JAILHOUSE_CELL_VIRTUAL_CONSOLE_PERMITTED	0x40000000
#define JAILHOUSE_CELL_VIRTUAL_CONSOLE_ACTIVE	0x80000000

#define CELL_FLAGS_VIRTUAL_CONSOLE_ACTIVE(flags) \
	!!((flags) & JAILHOUSE_CELL_VIRTUAL_CONSOLE_ACTIVE)
#define CELL_FLAGS_VIRTUAL_CONSOLE_PERMITTED(flags) \
	!!((flags) & JAILHOUSE_CELL_VIRTUAL_CONSOLE_PERMITTED)

/* Console types */
#define JAILHOUSE_CON_TYPE_NONE		0x0000
#define JAILHOUSE_CON_TYPE_EFIFB	0x0001
#define JAILHOUSE_CON_TYPE_8250		0x0002
#define JAILHOUSE_CON_TYPE_PL011	0x0003
#define JAILHOUSE_CON_TYPE_XUARTPS	0x0004
#define JAILHOUSE_CON_TYPE_MVEBU	0x0005
#define JAILHOUSE_CON_TYPE_HSCIF	0x0006
#define JAILHOUSE_CON_TYPE_SCIFA	0x0007
#define JAILHOUSE_CON_TYPE_IMX		0x0008
#define JAILHOUSE_CON_TYPE_IMX_LPUART	0x0009
#define JAILHOUSE_CON_TYPE_SCIF		0x000a
#define JAILHOUSE_CON_TYPE_MAX		JAILHOUSE_CON_TYPE_SCIF

/* Console flags */
#define JAILHOUSE_CON_ACCESS_PIO	0x0000
#define JAILHOUSE_CON_ACCESS_MMIO	0x0001
#define JAILHOUSE_CON_REGDIST_1		0x0000
#define JAILHOUSE_CON_REGDIST_4		0x0002
#define JAILHOUSE_CON_FB_1920x1080	0x0004
#define JAILHOUSE_CON_INVERTED_GATE	0x1000
#define JAILHOUSE_CON_MDR_QUIRK		0x2000

#define CON_IS_MMIO(flags)	((flags) & JAILHOUSE_CON_ACCESS_MMIO)
#define CON_USES_REGDIST_1(flags) (((flags) & JAILHOUSE_CON_REGDIST_4) == 0)
#define CON_HAS_INVERTED_GATE(flags) ((flags) & JAILHOUSE_CON_INVERTED_GATE)
#define CON_HAS_MDR_QUIRK(flags) ((flags) & JAILHOUSE_CON_MDR_QUIRK)

struct jailhouse_console {
	__u64 address;
	__u32 size;
	__u16 type;
	__u16 flags;
	__u32 divider;
	__u32 gate_nr;
	__u64 clock_reg;
} __attribute__((packed));

struct jailhouse_cell_desc {
	char signature[JAILHOUSE_SIGNATURE_SIZE];
	__u8 architecture;
	__u16 revision;

	char name[JAILHOUSE_CELL_NAME_MAXLEN + 1];
	__u32 id; /* set by the driver */
	__u32 flags;

	__u32 cpu_set_size;
	__u32 num_memory_regions;
	__u32 num_cache_regions;
	__u32 num_irqchips;
	__u32 num_pio_regions;
	__u32 num_pci_devices;
	__u32 num_pci_caps;
	__u32 num_stream_ids;

	__u32 vpci_irq_base;

	__u64 cpu_reset_address;
	__u64 msg_reply_timeout;

	struct jailhouse_console console;
} __attribute__((packed));

/* Memory region flags */
#define JAILHOUSE_MEM_READ		0x0001
#define JAILHOUSE_MEM_WRITE		0x0002
#define JAILHOUSE_MEM_EXECUTE		0x0004
#define JAILHOUSE_MEM_DMA		0x0008
#define JAILHOUSE_MEM_IO		0x0010
#define JAILHOUSE_MEM_COMM_REGION	0x0020
#define JAILHOUSE_MEM_LOADABLE		0x0040
#define JAILHOUSE_MEM_ROOTSHARED	0x0080
#define JAILHOUSE_MEM_NO_HUGEPAGES	0x0100
#define JAILHOUSE_MEM_IO_UNALIGNED	0x8000
#define JAILHOUSE_MEM_IO_WIDTH_SHIFT	16
#define JAILHOUSE_MEM_IO_8		(1 << 16)
#define JAILHOUSE_MEM_IO_16		(2 << 16)
#define JAILHOUSE_MEM_IO_32		(4 << 16)
#define JAILHOUSE_MEM_IO_64		(8 << 16)

struct jailhouse_memory {
	__u64 phys_start;
	__u64 virt_start;
	__u64 size;
	__u64 flags;
} __attribute__((packed));

#define JAILHOUSE_SHMEM_NET_REGIONS(start, dev_id)			\
	{								\
		.phys_start = start,					\
		.virt_start = start,					\
		.size = 0x1000,						\
		.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_ROOTSHARED,	\
	},								\
	{ 0 },								\
	{								\
		.phys_start = (start) + 0x1000,				\
		.virt_start = (start) + 0x1000,				\
		.size = 0x7f000,					\
		.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_ROOTSHARED | \
			((dev_id == 0) ? JAILHOUSE_MEM_WRITE : 0),	\
	},								\
	{								\
		.phys_start = (start) + 0x80000,			\
		.virt_start = (start) + 0x80000,			\
		.size = 0x7f000,					\
		.flags = JAILHOUSE_MEM_READ | JAILHOUSE_MEM_ROOTSHARED | \
			((dev_id == 1) ? JAILHOUSE_MEM_WRITE : 0),	\
	}

#define JAILHOUSE_CACHE_L3_CODE		0x01
#define JAILHOUSE_CACHE_L3_DATA		0x02
#define JAILHOUSE_CACHE_L3		(JAILHOUSE_CACHE_L3_CODE | \
					 JAILHOUSE_CACHE_L3_DATA)
#define JAILHOUSE_CACHE_ROOTSHARED	0x0001

struct jailhouse_cache {
	__u32 start;
	__u32 size;
	__u8 type;
	__u8 padding;
	__u16 flags;
} __attribute__((packed));

struct jailhouse_irqchip {
	__u64 address;
	__u32 id;
	__u32 pin_base;
	__u32 pin_bitmap[4];
} __attribute__((packed));

#define JAILHOUSE_IRQCHIP_PINS		128

/*
 * A stream id of an IOMMU-managed DMA master: a plain 32-bit id (SMMUv3,
 * TI PVU) or, on an Arm MMU-500 (SMMUv2), a 16-bit id and the bits of it
 * to ignore when matching (mask_out).
 */
union jailhouse_stream_id {
	__u32 id;
	struct {
		__u16 id;
		__u16 mask_out;
	} __attribute__((packed)) mmu500;
} __attribute__((packed));

struct jailhouse_pio {
	__u16 base;
	__u16 length;
} __attribute__((packed));

#define JAILHOUSE_PCI_TYPE_DEVICE	0x01
#define JAILHOUSE_PCI_TYPE_BRIDGE	0x02
#define JAILHOUSE_PCI_TYPE_IVSHMEM	0x03

#define JAILHOUSE_SHMEM_PROTO_UNDEFINED	0x0000
#define JAILHOUSE_SHMEM_PROTO_VETH	0x0001
#define JAILHOUSE_SHMEM_PROTO_CUSTOM	0x4000	/* 0x4000..0x7fff */
#define JAILHOUSE_SHMEM_PROTO_VIRTIO_FRONT 0x8000 /* 0x8000..0xbfff */
#define JAILHOUSE_SHMEM_PROTO_VIRTIO_BACK 0xc000 /* 0xc000..0xffff */

#define VIRTIO_DEV_NET			1
#define VIRTIO_DEV_BLOCK		2
#define VIRTIO_DEV_CONSOLE		3

struct jailhouse_pci_device {
	__u8 type;
	__u8 iommu;
	__u16 domain;
	__u16 bdf;
	__u32 bar_mask[6];
	__u16 caps_start;
	__u16 num_caps;
	__u8 num_msi_vectors;
	__u8 msi_64bits:1;
	__u8 msi_maskable:1;
	__u16 num_msix_vectors;
	__u16 msix_region_size;
	__u64 msix_address;
	__u32 shmem_regions_start;
	__u8 shmem_dev_id;
	__u8 shmem_peers;
	__u16 shmem_protocol;
} __attribute__((packed));

#define JAILHOUSE_IVSHMEM_BAR_MASK_INTX				\
	{							\
		0xfffff000, 0x00000000, 0x00000000,		\
		0x00000000, 0x00000000, 0x00000000,		\
	}

#define JAILHOUSE_IVSHMEM_BAR_MASK_MSIX				\
	{							\
		0xfffff000, 0xfffff000, 0x00000000,		\
		0x00000000, 0x00000000, 0x00000000,		\
	}

#define JAILHOUSE_IVSHMEM_BAR_MASK_INTX_64K			\
	{							\
		0xffff0000, 0x00000000, 0x00000000,		\
		0x00000000, 0x00000000, 0x00000000,		\
	}

#define JAILHOUSE_IVSHMEM_BAR_MASK_MSIX_64K			\
	{							\
		0xffff0000, 0xffff0000, 0x00000000,		\
		0x00000000, 0x00000000, 0x00000000,		\
	}

#define JAILHOUSE_PCI_EXT_CAP		0x8000

#define JAILHOUSE_PCICAPS_WRITE		0x0001

struct jailhouse_pci_capability {
	__u16 id;
	__u16 start;
	__u16 len;
	__u16 flags;
} __attribute__((packed));

#define JAILHOUSE_APIC_MODE_AUTO	0
#define JAILHOUSE_APIC_MODE_XAPIC	1
#define JAILHOUSE_APIC_MODE_X2APIC	2

#define JAILHOUSE_MAX_IOMMU_UNITS	8

#define JAILHOUSE_IOMMU_AMD		1
#define JAILHOUSE_IOMMU_INTEL		2
#define JAILHOUSE_IOMMU_SMMUV3		3
#define JAILHOUSE_IOMMU_PVU		4
#define JAILHOUSE_IOMMU_ARM_MMU500	5

struct jailhouse_iommu {
	__u32 type;
	__u64 base;
	__u32 size;

	union {
		struct {
			__u16 bdf;
			__u8 base_cap;
			__u8 msi_cap;
			__u32 features;
		} __attribute__((packed)) amd;

		struct {
			__u64 tlb_base;
			__u32 tlb_size;
		} __attribute__((packed)) tipvu;
	};
} __attribute__((packed));

/* System flags */
#define JAILHOUSE_SYS_VIRTUAL_DEBUG_CONSOLE	0x0001

#define SYS_FLAGS_VIRTUAL_DEBUG_CONSOLE(flags) \
	!!((flags) & JAILHOUSE_SYS_VIRTUAL_DEBUG_CONSOLE)

struct jailhouse_system {
	char signature[JAILHOUSE_SIGNATURE_SIZE];
	__u8 architecture;
	__u16 revision;

	__u32 flags;

	/** Jailhouse's location in memory */
	struct jailhouse_memory hypervisor_memory;
	struct jailhouse_console debug_console;
	struct {
		__u64 pci_mmconfig_base;
		__u8 pci_mmconfig_end_bus;
		__u8 pci_is_virtual;
		__u16 pci_domain;
		struct jailhouse_iommu iommu_units[JAILHOUSE_MAX_IOMMU_UNITS];
		union {
			struct {
				__u16 pm_timer_address;
				__u32 vtd_interrupt_limit;
				__u8 apic_mode;
				__u8 padding[3];
				__u32 tsc_khz;
				__u32 apic_khz;
			} __attribute__((packed)) x86;
			struct {
				__u8 maintenance_irq;
				__u8 gic_version;
				__u8 padding[2];
				__u64 gicd_base;
				__u64 gicc_base;
				__u64 gich_base;
				__u64 gicv_base;
				__u64 gicr_base;
			} __attribute__((packed)) arm;
		} __attribute__((packed));
	} __attribute__((packed)) platform_info;
	struct jailhouse_cell_desc root_cell;
} __attribute__((packed));

/* Layout pins: these are binary interfaces. */
JH_STATIC_ASSERT(sizeof(struct jailhouse_console) == 32, "console size");
JH_STATIC_ASSERT(sizeof(struct jailhouse_cell_desc) == 132, "cell_desc size");
JH_STATIC_ASSERT(__builtin_offsetof(struct jailhouse_cell_desc, console) ==
		 100, "cell_desc.console offset");
JH_STATIC_ASSERT(sizeof(struct jailhouse_memory) == 32, "memory size");
JH_STATIC_ASSERT(sizeof(struct jailhouse_cache) == 12, "cache size");
JH_STATIC_ASSERT(sizeof(struct jailhouse_irqchip) == 32, "irqchip size");
JH_STATIC_ASSERT(sizeof(struct jailhouse_pio) == 4, "pio size");
JH_STATIC_ASSERT(sizeof(union jailhouse_stream_id) == 4, "stream id size");
JH_STATIC_ASSERT(sizeof(struct jailhouse_pci_device) == 56, "pci_dev size");
JH_STATIC_ASSERT(sizeof(struct jailhouse_pci_capability) == 8, "pci_cap size");
JH_STATIC_ASSERT(sizeof(struct jailhouse_iommu) == 28, "iommu size");
JH_STATIC_ASSERT(__builtin_offsetof(struct jailhouse_system, root_cell) == 356,
		 "system.root_cell offset");
JH_STATIC_ASSERT(sizeof(struct jailhouse_system) == 488, "system size");

/*
 * Sizes are summed in 64 bits: the counts come from untrusted files, and
 * a 32-bit sum wraps (2^27 memory regions add 2^32 bytes).
 */
static inline __u64
jailhouse_cell_config_size(const struct jailhouse_cell_desc *cell)
{
	return (__u64)sizeof(struct jailhouse_cell_desc) +
		cell->cpu_set_size +
		(__u64)cell->num_memory_regions *
			sizeof(struct jailhouse_memory) +
		(__u64)cell->num_cache_regions *
			sizeof(struct jailhouse_cache) +
		(__u64)cell->num_irqchips * sizeof(struct jailhouse_irqchip) +
		(__u64)cell->num_pio_regions * sizeof(struct jailhouse_pio) +
		(__u64)cell->num_pci_devices *
			sizeof(struct jailhouse_pci_device) +
		(__u64)cell->num_pci_caps *
			sizeof(struct jailhouse_pci_capability) +
		(__u64)cell->num_stream_ids * sizeof(union jailhouse_stream_id);
}

static inline __u64
jailhouse_system_config_size(const struct jailhouse_system *system)
{
	return sizeof(*system) - sizeof(system->root_cell) +
		jailhouse_cell_config_size(&system->root_cell);
}

static inline const unsigned long long *
jailhouse_cell_cpu_set(const struct jailhouse_cell_desc *cell)
{
	return (const unsigned long long *)((const char *)cell +
		sizeof(struct jailhouse_cell_desc));
}

/* Is CPU @cpu in @cell's CPU set? */
static inline int
jailhouse_cell_has_cpu(const struct jailhouse_cell_desc *cell,
		       unsigned int cpu)
{
	const __u8 *set = (const __u8 *)jailhouse_cell_cpu_set(cell);

	return cpu / 8 < cell->cpu_set_size && (set[cpu / 8] >> (cpu % 8)) & 1;
}

/*
 * Do [@a, @a + @a_size) and [@b, @b + @b_size) share an address? An empty
 * range shares none. Neither may wrap around (the validator refuses such
 * a region).
 */
static inline int jailhouse_ranges_overlap(__u64 a, __u64 a_size, __u64 b,
					   __u64 b_size)
{
	return a_size && b_size && a < b + b_size && b < a + a_size;
}

static inline const struct jailhouse_memory *
jailhouse_cell_mem_regions(const struct jailhouse_cell_desc *cell)
{
	return (const struct jailhouse_memory *)
		((const char *)jailhouse_cell_cpu_set(cell) +
		 cell->cpu_set_size);
}

static inline const struct jailhouse_cache *
jailhouse_cell_cache_regions(const struct jailhouse_cell_desc *cell)
{
	return (const struct jailhouse_cache *)
		((const char *)jailhouse_cell_mem_regions(cell) +
		 cell->num_memory_regions * sizeof(struct jailhouse_memory));
}

static inline const struct jailhouse_irqchip *
jailhouse_cell_irqchips(const struct jailhouse_cell_desc *cell)
{
	return (const struct jailhouse_irqchip *)
		((const char *)jailhouse_cell_cache_regions(cell) +
		 cell->num_cache_regions * sizeof(struct jailhouse_cache));
}

/* Index of the irqchip of @cell that grants INTID @intid, or -1. */
static inline int
jailhouse_cell_irqchip_granting(const struct jailhouse_cell_desc *cell,
				__u32 intid)
{
	const struct jailhouse_irqchip *chip = jailhouse_cell_irqchips(cell);
	__u32 n, bit;

	for (n = 0; n < cell->num_irqchips; n++) {
		if (intid < chip[n].pin_base ||
		    intid >= chip[n].pin_base + JAILHOUSE_IRQCHIP_PINS)
			continue;
		bit = intid - chip[n].pin_base;
		if (chip[n].pin_bitmap[bit / 32] & (1u << (bit % 32)))
			return (int)n;
	}
	return -1;
}

static inline const struct jailhouse_pio *
jailhouse_cell_pio(const struct jailhouse_cell_desc *cell)
{
	return (const struct jailhouse_pio *)
		((const char *)jailhouse_cell_irqchips(cell) +
		 cell->num_irqchips * sizeof(struct jailhouse_irqchip));
}

static inline const struct jailhouse_pci_device *
jailhouse_cell_pci_devices(const struct jailhouse_cell_desc *cell)
{
	return (const struct jailhouse_pci_device *)
		((const char *)jailhouse_cell_pio(cell) +
		 cell->num_pio_regions * sizeof(struct jailhouse_pio));
}

static inline const struct jailhouse_pci_capability *
jailhouse_cell_pci_caps(const struct jailhouse_cell_desc *cell)
{
	return (const struct jailhouse_pci_capability *)
		((const char *)jailhouse_cell_pci_devices(cell) +
		 cell->num_pci_devices * sizeof(struct jailhouse_pci_device));
}

static inline const union jailhouse_stream_id *
jailhouse_cell_stream_ids(const struct jailhouse_cell_desc *cell)
{
	return (const union jailhouse_stream_id *)
		((const char *)jailhouse_cell_pci_caps(cell) +
		 cell->num_pci_caps * sizeof(struct jailhouse_pci_capability));
}

#endif /* _JAILHOUSE_CELL_CONFIG_H */
