// SPDX-License-Identifier: MIT
/*
 * test_hostile.c - a hostile peer corrupts its own output section (the
 * only memory it can write): the victim reports -EPROTO / CELLIPC_EV_ERROR
 * on that channel only, never crashes or hangs, keeps other channels
 * working, and recovers when the peer re-initialises. White-box: uses the
 * section format from src/internal.h.
 */
#include "testutil.h"
#include "internal.h"

struct trio {
	struct tdir t;
	struct cellipc *c[3];	/* 0: attacker, 1: victim, 2: bystander */
	struct rec r[3];
};

static int connected_all(void *arg)
{
	struct trio *x = arg;
	struct cellipc_peer pi;
	int i, j;

	for (i = 0; i < 3; i++)
		for (j = 0; j < 3; j++) {
			if (i == j)
				continue;
			cellipc_peer_get(x->c[i], (uint32_t)j, &pi);
			if (!pi.connected)
				return 0;
		}
	return 1;
}

static struct trio *trio_new(void)
{
	struct trio *x = calloc(1, sizeof(*x));
	struct cellipc_ring_params rp = { .ring_size = 4096 };
	int i;

	tdir_make(&x->t);
	for (i = 0; i < 3; i++) {
		x->c[i] = sim_open(x->t.path, (uint32_t)i, 3, 65536);
		cellipc_set_event_cb(x->c[i], rec_cb, &x->r[i]);
		assert_int_equal(cellipc_ring_init(x->c[i], &rp), 0);
	}
	assert_true(pump(x->c, 3, connected_all, x, 200));
	return x;
}

static void trio_free(struct trio *x)
{
	int i;

	for (i = 0; i < 3; i++)
		cellipc_close(x->c[i]);
	tdir_clean(&x->t);
	free(x);
}

/* attacker's slot for the victim, and its ring towards the victim */
static struct cipc_slot *att_slot(struct trio *x)
{
	return (struct cipc_slot *)((uint8_t *)cellipc_output_section(x->c[0], NULL) +
				    CIPC_HDR_SIZE) + 1;
}

static uint8_t *att_ring(struct trio *x)
{
	struct cipc_sect_hdr *h = cellipc_output_section(x->c[0], NULL);

	/* ring index of destination 1 seen from owner 0 is 0 */
	return (uint8_t *)h + h->ring_base;
}

static uint32_t att_epoch(struct trio *x)
{
	return ((struct cipc_sect_hdr *)cellipc_output_section(x->c[0], NULL))->epoch;
}

/* the bystander's channel is unaffected by the attacker */
static void expect_bystander_ok(struct trio *x)
{
	char buf[16];

	assert_int_equal(cellipc_send(x->c[2], 1, "ok", 3, 0), 0);
	assert_int_equal(cellipc_recv(x->c[1], 2, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "ok");
}

static void expect_error_then_bystander_ok(struct trio *x)
{
	const void *d;
	size_t len;
	int i;

	assert_int_equal(cellipc_peek(x->c[1], 0, &d, &len), -EPROTO);
	/* stays in error, repeatedly, without side effects */
	for (i = 0; i < 3; i++)
		assert_int_equal(cellipc_peek(x->c[1], 0, &d, &len), -EPROTO);
	memset(&x->r[1], 0, sizeof(x->r[1]));
	assert_true(cellipc_process(x->c[1], 0) >= 1);
	assert_int_equal(x->r[1].count[CELLIPC_EV_ERROR], 1);
	assert_int_equal(rec_last(&x->r[1], CELLIPC_EV_ERROR, 0)->u.error.err,
			 -EPROTO);
	assert_non_null(strstr(cellipc_last_error(x->c[1]), "peer 0"));
	/* reported once */
	assert_true(cellipc_process(x->c[1], 0) >= 0);
	assert_int_equal(x->r[1].count[CELLIPC_EV_ERROR], 1);
	expect_bystander_ok(x);
}

static void test_head_out_of_range(void **state)
{
	struct trio *x = trio_new();

	(void)state;
	STORE_REL(&att_slot(x)->tx, (uint64_t)att_epoch(x) << 32 | 100000);
	expect_error_then_bystander_ok(x);
	trio_free(x);
}

static void test_unaligned_head(void **state)
{
	struct trio *x = trio_new();

	(void)state;
	STORE_REL(&att_slot(x)->tx, (uint64_t)att_epoch(x) << 32 | 12);
	expect_error_then_bystander_ok(x);
	trio_free(x);
}

static void test_length_too_big(void **state)
{
	struct trio *x = trio_new();
	uint32_t *rec;

	(void)state;
	assert_int_equal(cellipc_send(x->c[0], 1, "abcdefg", 8, 0), 0);
	rec = (uint32_t *)att_ring(x);
	rec[0] = 0x7ffffff0;	/* way beyond the ring */
	expect_error_then_bystander_ok(x);
	trio_free(x);
}

static void test_length_beyond_head(void **state)
{
	struct trio *x = trio_new();
	uint32_t *rec;

	(void)state;
	assert_int_equal(cellipc_send(x->c[0], 1, "abcdefg", 8, 0), 0);
	rec = (uint32_t *)att_ring(x);
	rec[0] = 64;	/* claims more than was published (16 bytes) */
	expect_error_then_bystander_ok(x);
	trio_free(x);
}

static void test_bad_padding(void **state)
{
	struct trio *x = trio_new();
	uint32_t *rec;

	(void)state;
	assert_int_equal(cellipc_send(x->c[0], 1, "abcdefg", 8, 0), 0);
	rec = (uint32_t *)att_ring(x);
	rec[0] = CIPC_REC_PAD | 8;	/* padding at offset 0 */
	expect_error_then_bystander_ok(x);
	trio_free(x);
}

static void test_bad_header_rejected(void **state)
{
	struct trio *x = trio_new();
	struct cipc_sect_hdr *h = cellipc_output_section(x->c[0], NULL);
	struct cellipc_peer pi;

	(void)state;
	/* a new session announcing an impossible geometry */
	STORE_ONCE(&h->ring_size, 12345);
	STORE_REL(&h->epoch, h->epoch + 1);
	memset(&x->r[1], 0, sizeof(x->r[1]));
	assert_true(cellipc_process(x->c[1], 0) >= 2);
	assert_int_equal(x->r[1].count[CELLIPC_EV_DISCONNECT], 1);
	assert_int_equal(x->r[1].count[CELLIPC_EV_ERROR], 1);
	cellipc_peer_get(x->c[1], 0, &pi);
	assert_int_equal(pi.connected, 0);
	assert_int_equal(cellipc_send(x->c[1], 0, "x", 1, 0), -ENOTCONN);
	/* not re-reported while the epoch stays */
	assert_true(cellipc_process(x->c[1], 0) >= 0);
	assert_int_equal(x->r[1].count[CELLIPC_EV_ERROR], 1);
	/* ring base beyond the section */
	STORE_ONCE(&h->ring_size, 4096);
	STORE_ONCE(&h->ring_base, 65536 - 4096);
	STORE_REL(&h->epoch, h->epoch + 1);
	assert_true(cellipc_process(x->c[1], 0) >= 1);
	assert_int_equal(x->r[1].count[CELLIPC_EV_ERROR], 2);
	trio_free(x);
}

static void test_consumer_tail_corrupted(void **state)
{
	struct trio *x = trio_new();
	struct cipc_slot *s = att_slot(x);
	uint32_t victim_epoch;
	int i, ret = 0;

	(void)state;
	/* the attacker, as consumer of the victim's ring, acks garbage */
	victim_epoch = (uint32_t)(LOAD_ONCE(&s->ack) >> 32);
	STORE_REL(&s->ack, (uint64_t)victim_epoch << 32 | 0x40000000u);
	/* the victim notices when it needs the tail: ring full or space */
	for (i = 0; i < 200 && !ret; i++)
		ret = cellipc_send(x->c[1], 0, "0123456789abcdef0123456789abc",
				   30, 0);
	assert_int_equal(ret, -EPROTO);
	assert_int_equal(cellipc_send(x->c[1], 0, "x", 1, 0), -EPROTO);
	memset(&x->r[1], 0, sizeof(x->r[1]));
	assert_true(cellipc_process(x->c[1], 0) >= 1);
	assert_int_equal(x->r[1].count[CELLIPC_EV_ERROR], 1);
	trio_free(x);
}

static int reconnected(void *arg)
{
	struct trio *x = arg;

	return connected_all(x);
}

static void test_recovery_after_reinit(void **state)
{
	struct trio *x = trio_new();
	struct cellipc_ring_params rp = { .ring_size = 4096 };
	char buf[16];

	(void)state;
	STORE_REL(&att_slot(x)->tx, (uint64_t)att_epoch(x) << 32 | 99999);
	assert_true(cellipc_process(x->c[1], 0) >= 0);
	assert_int_equal(cellipc_recv(x->c[1], 0, buf, sizeof(buf)), -EPROTO);
	/* the peer restarts its session: the channel works again */
	assert_int_equal(cellipc_ring_init(x->c[0], &rp), 0);
	assert_true(pump(x->c, 3, reconnected, x, 200));
	assert_int_equal(cellipc_send(x->c[0], 1, "fine", 5, 0), 0);
	assert_int_equal(cellipc_recv(x->c[1], 0, buf, sizeof(buf)), 5);
	assert_string_equal(buf, "fine");
	trio_free(x);
}

static void test_bounded_work(void **state)
{
	struct trio *x = trio_new();
	struct cellipc_ring_params rp = { .flags = CELLIPC_RING_DELIVER,
					  .ring_size = 4096 };
	int i;

	(void)state;
	/* re-init the victim in callback-delivery mode */
	assert_int_equal(cellipc_ring_init(x->c[1], &rp), 0);
	assert_true(pump(x->c, 3, connected_all, x, 200));
	for (i = 0; i < 100; i++)
		assert_int_equal(cellipc_send(x->c[0], 1, "m", 1, CELLIPC_SEND_MORE), 0);
	cellipc_flush(x->c[0], 1);
	memset(&x->r[1], 0, sizeof(x->r[1]));
	cellipc_process(x->c[1], 10);
	assert_int_equal(x->r[1].count[CELLIPC_EV_MSG], 10);
	assert_int_equal(cellipc_timeout_ms(x->c[1]), 0);
	trio_free(x);
}

/* the victim's slot in the attacker's section: its consumer line for us */
static uint32_t victim_epoch(struct trio *x)
{
	return ((struct cipc_sect_hdr *)cellipc_output_section(x->c[1], NULL))->epoch;
}

/*
 * One targeted write and nothing more must not leave the victim with work
 * it can never finish: an error event naming the peer, once, then sleep.
 */
static void expect_reported_once_then_idle(struct trio *x)
{
	char buf[16];
	int i;

	memset(&x->r[1], 0, sizeof(x->r[1]));
	for (i = 0; i < 50; i++) {
		cellipc_process(x->c[1], 0);
		cellipc_recv(x->c[1], 0, buf, sizeof(buf));
	}
	assert_int_equal(x->r[1].count[CELLIPC_EV_ERROR], 1);
	assert_int_equal(rec_last(&x->r[1], CELLIPC_EV_ERROR, 0)->u.error.err,
			 -EPROTO);
	assert_non_null(strstr(cellipc_last_error(x->c[1]), "peer 0"));
	assert_int_not_equal(cellipc_timeout_ms(x->c[1]), 0);
	assert_int_equal(cellipc_recv(x->c[1], 0, buf, sizeof(buf)), -EPROTO);
	expect_bystander_ok(x);
}

static void test_tx_epoch_flipped(void **state)
{
	struct trio *x = trio_new();
	uint64_t tx = LOAD_ONCE(&att_slot(x)->tx);

	(void)state;
	/* the producer's tx word names a session its header does not have */
	STORE_REL(&att_slot(x)->tx, tx ^ (1ull << 32));
	expect_reported_once_then_idle(x);
	trio_free(x);
}

static void test_ack_epoch_flipped(void **state)
{
	struct trio *x = trio_new();
	int i, ret = 0;

	(void)state;
	/* the consumer withdraws its ack of the victim's live session */
	STORE_REL(&att_slot(x)->ack, (uint64_t)(victim_epoch(x) ^ 1) << 32);
	for (i = 0; i < 200 && ret != -EPROTO; i++)
		ret = cellipc_send(x->c[1], 0, "0123456789abcdef0123456789abc",
				   30, 0);
	memset(&x->r[1], 0, sizeof(x->r[1]));
	for (i = 0; i < 50; i++)
		cellipc_process(x->c[1], 0);
	assert_int_equal(x->r[1].count[CELLIPC_EV_ERROR], 1);
	assert_non_null(strstr(cellipc_last_error(x->c[1]), "peer 0"));
	assert_int_not_equal(cellipc_timeout_ms(x->c[1]), 0);
	assert_int_equal(cellipc_send(x->c[1], 0, "x", 1, 0), -EPROTO);
	trio_free(x);
}

static void test_bind_flipped(void **state)
{
	struct trio *x = trio_new();

	(void)state;
	/* the producer un-binds its ring from the victim's live session */
	STORE_REL(&att_slot(x)->bind, victim_epoch(x) ^ 1);
	expect_reported_once_then_idle(x);
	trio_free(x);
}

static void test_magic_flipped_is_quiet(void **state)
{
	struct trio *x = trio_new();
	struct cipc_sect_hdr *h = cellipc_output_section(x->c[0], NULL);
	struct cellipc_peer pi;
	int i;

	(void)state;
	/* a section without magic is a closed peer: no error, no spinning */
	STORE_REL(&h->magic, 0);
	memset(&x->r[1], 0, sizeof(x->r[1]));
	for (i = 0; i < 50; i++)
		cellipc_process(x->c[1], 0);
	assert_int_equal(x->r[1].count[CELLIPC_EV_ERROR], 0);
	assert_int_equal(x->r[1].count[CELLIPC_EV_DISCONNECT], 1);
	cellipc_peer_get(x->c[1], 0, &pi);
	assert_int_equal(pi.connected, 0);
	assert_int_not_equal(cellipc_timeout_ms(x->c[1]), 0);
	trio_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_head_out_of_range),
		cmocka_unit_test(test_unaligned_head),
		cmocka_unit_test(test_length_too_big),
		cmocka_unit_test(test_length_beyond_head),
		cmocka_unit_test(test_bad_padding),
		cmocka_unit_test(test_bad_header_rejected),
		cmocka_unit_test(test_consumer_tail_corrupted),
		cmocka_unit_test(test_recovery_after_reinit),
		cmocka_unit_test(test_bounded_work),
		cmocka_unit_test(test_tx_epoch_flipped),
		cmocka_unit_test(test_ack_epoch_flipped),
		cmocka_unit_test(test_bind_flipped),
		cmocka_unit_test(test_magic_flipped_is_quiet),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
