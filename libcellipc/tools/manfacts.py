# SPDX-License-Identifier: MIT
"""What each libcellipc function returns, its errors and examples, for
gen-man.py. Written from src/*.c (the code is the reference: keep this in
step when a return path changes). Keys are names without "cellipc_".

RET: RETURN VALUE text. ERR: list of (errno, when). EX: EXAMPLES code.
Text uses plain function names; gen-man.py escapes it.
"""

HANDLE = ("EINVAL", "c is NULL.")
OPEN_COMMON = [
    ("EINVAL", "cp is NULL, a reserved field of p is non-zero or p->flags "
               "has an unknown bit."),
    ("ENOMEM", "out of memory."),
]
SIM_OPEN = [
    ("EINVAL", "bad sim geometry (max_peers outside 2..64, sizes not page "
               "multiples or above 4 GiB), the file is not a sim device or "
               "its geometry differs from non-zero params, or p->peer_id >= "
               "max_peers."),
    ("ENOENT", "the file does not exist or is empty and "
               "CELLIPC_OPEN_CREATE was not given."),
    ("EBUSY", "another live handle holds p->peer_id."),
    ("EACCES, EROFS, ENOSPC, ...", "open(2), ftruncate(2), mmap(2), "
                                   "mkfifo(3) or epoll of the file and its "
                                   "FIFOs failed (the errno is passed on)."),
]
UIO_OPEN = [
    ("EINVAL", "dev_path is not \"/dev/uioN\" or \"uioN\", or a map has a "
               "bad size."),
    ("ENAMETOOLONG", "the node name is too long."),
    ("ENODEV", "the node is not an ivshmem v2 device bound to uio_ivshmem "
               "(sysfs vendor/device/class, map names), or its registers "
               "are inconsistent (id, max peers, section sizes)."),
    ("EACCES, ENOENT, ...", "open(2) of the node or mmap(2) of a map failed "
                            "(the errno is passed on)."),
]
OPEN_EX = """struct cellipc_params p = { .flags = CELLIPC_OPEN_CREATE,
                             .peer_id = 1 };
char msg[256] = "";
struct cellipc *c;
int ret;

p.errbuf = msg;
p.errbuf_len = sizeof(msg);
ret = cellipc_open(argc > 1 ? argv[1] : "sim:/tmp/dev", &p, &c);
if (ret < 0) {
        fprintf(stderr, "open: %s: %s\\n", cellipc_strerror(ret), msg);
        return 1;
}
/* ... */
cellipc_close(c);"""

LOOP_EX = """cellipc_set_event_cb(c, on_event, &app);
for (;;) {
        struct pollfd pfd = { .fd = cellipc_fd(c), .events = POLLIN };

        if (poll(&pfd, 1, cellipc_timeout_ms(c)) < 0 && errno != EINTR)
                break;
        ret = cellipc_process(c, 0);    /* callbacks run here */
        if (ret < 0)
                break;
}"""

RAW_EX = """/* raw device layer: announce, then react to doorbells */
cellipc_state_set(c, 1);
cellipc_doorbell(c, peer, 0);
for (;;) {
        struct pollfd pfd = { .fd = cellipc_irq_fd(c), .events = POLLIN };

        poll(&pfd, 1, -1);
        if (cellipc_irq_ack(c, NULL) > 0) {
                cellipc_irq_enable(c);  /* re-arm before looking */
                /* ... read shared memory, cellipc_state_get() ... */
        }
}"""

ZC_EX = """void *buf;
int ret = cellipc_reserve(c, peer, sizeof(struct req), &buf);

if (ret == -EAGAIN)
        return;                 /* wait for CELLIPC_EV_WRITABLE */
if (ret < 0)
        return report(ret);
fill_req(buf);
cellipc_commit(c, peer, sizeof(struct req), 0);"""

PEEK_EX = """const void *data;
size_t len;

while (cellipc_peek(c, peer, &data, &len) == 0) {
        handle(data, len);      /* copy what you validate */
        cellipc_release(c, peer);
}"""

RING_CONN = [
    ("EINVAL", "c is NULL, cellipc_ring_init() was not called, peer >= "
               "max_peers or is the own id."),
    ("ENOTCONN", "the peer has not (or no longer) set up its side of the "
                 "channel."),
    ("EPROTO", "the channel was stopped because the peer's ring is "
               "corrupted (until the peer re-initialises)."),
]

F = {
    "open": dict(
        RET="0 on success, *cp holding the new handle; on failure a "
            "negative errno value and *cp is NULL (a one-line reason is "
            "written to p->errbuf if given).",
        ERR=OPEN_COMMON + [
            ("EINVAL", "a \"proto:\" spec whose number is not 0..0xffff; "
                       "see also the sim and uio errors below."),
            ("ENOENT", "no ivshmem v2 uio device matches a \"pci:\", "
                       "\"proto:\" or empty spec, or <sysfs_root>/class/uio "
                       "cannot be listed."),
        ] + [("%s" % e, "(sim: spec) " + w) for e, w in SIM_OPEN] +
        [(e, "(uio spec) " + w.replace("dev_path", "the spec"))
         for e, w in UIO_OPEN],
        EX=OPEN_EX),
    "open_uio": dict(
        RET="0 on success, *cp holding the new handle; a negative errno "
            "value on failure (*cp is NULL).",
        ERR=[("EINVAL", "cp or dev_path is NULL, or bad params (reserved "
                        "fields, flags).")] + UIO_OPEN + [
            ("ENOMEM", "out of memory.")]),
    "open_sim": dict(
        RET="0 on success, *cp holding the new handle; a negative errno "
            "value on failure (*cp is NULL).",
        ERR=[("EINVAL", "cp or path is NULL or path is empty, or bad "
                        "params (reserved fields, flags).")] + SIM_OPEN + [
            ("ENOMEM", "out of memory.")],
        EX=OPEN_EX.replace("cellipc_open(argc > 1 ? argv[1] : "
                           "\"sim:/tmp/dev\"", "cellipc_open_sim(\"/tmp/dev\"")),
    "find_uio": dict(
        RET="0 on success, the node path written to path; a negative errno "
            "value on failure.",
        ERR=[("EINVAL", "path is NULL or len is 0."),
             ("ENOENT", "no device matches, or <sysfs_root>/class/uio "
                        "cannot be listed (uio not loaded)."),
             ("ENAMETOOLONG", "path (len bytes) is too small for the node "
                              "path.")]),
    "close": dict(RET="None.", ERR=None),
    "get_info": dict(RET="0 on success, *info filled in.",
                     ERR=[("EINVAL", "c or info is NULL.")]),
    "id": dict(RET="The own peer id. c must be a valid handle (not NULL).",
               ERR=None),
    "max_peers": dict(RET="The device's number of peers. c must be a valid "
                          "handle (not NULL).", ERR=None),
    "state_table": dict(RET="The read-only state table (max_peers entries); "
                            "NULL if c is NULL.", ERR=None),
    "rw_section": dict(RET="The R/W section, *size (if size is not NULL) "
                           "its size; NULL and 0 if the device has none or "
                           "c is NULL.", ERR=None),
    "output_section": dict(RET="The own output section, *size (if size is "
                               "not NULL) its size; NULL and 0 if c is "
                               "NULL.", ERR=None),
    "peer_section": dict(RET="Peer's output section (read-only), *size its "
                             "size; NULL and 0 if c is NULL or peer >= "
                             "max_peers.", ERR=None),
    "state_set": dict(RET="0 on success.", ERR=[HANDLE]),
    "state_get": dict(RET="0 on success, *state holding the entry.",
                      ERR=[("EINVAL", "c or state is NULL, or peer >= "
                                      "max_peers.")]),
    "doorbell": dict(RET="0 on success, also when the target has no live "
                         "owner or the vector is not supported (as on the "
                         "device).",
                     ERR=[("EINVAL", "c is NULL, peer >= max_peers or "
                                     "vector > 0xffff.")], EX=RAW_EX),
    "irq_fd": dict(RET="The interrupt file descriptor (>= 0).",
                   ERR=[HANDLE]),
    "irq_ack": dict(RET="1 if interrupts were pending (then *count holds the "
                        "counter), 0 if none; a negative errno value on "
                        "failure.",
                    ERR=[HANDLE,
                         ("EIO", "(uio) the driver returned a short read."),
                         ("EBADF, ...", "read(2) or epoll_wait(2) on the "
                                        "interrupt fd failed (the errno is "
                                        "passed on).")], EX=RAW_EX),
    "irq_enable": dict(RET="0 on success.", ERR=[HANDLE], EX=RAW_EX),
    "set_event_cb": dict(RET="0 on success.", ERR=[HANDLE], EX=LOOP_EX),
    "fd": dict(RET="The file descriptor to poll (>= 0).", ERR=[HANDLE],
               EX=LOOP_EX),
    "process": dict(
        RET="The number of events dispatched (>= 0); a negative errno "
            "value on failure.",
        ERR=[HANDLE,
             ("EBUSY", "called from its own event callback."),
             ("EIO, EBADF, ...", "taking the interrupts failed (see "
                                 "cellipc_irq_ack(3)).")],
        EX=LOOP_EX),
    "timeout_ms": dict(RET="0 if work is pending, -1 if only the fd "
                           "matters, else the milliseconds to the next "
                           "heartbeat deadline (at most 60000); -EINVAL if "
                           "c is NULL.", ERR=[HANDLE], EX=LOOP_EX),
    "wait": dict(
        RET="What cellipc_process(3) returned (events dispatched, >= 0), 0 "
            "if poll(2) was interrupted by a signal; a negative errno value "
            "on failure.",
        ERR=[HANDLE, ("EBADF, ENOMEM, ...", "poll(2) failed (the errno is "
                                            "passed on).")] +
            [("EBUSY, EIO, ...", "as for cellipc_process(3).")]),
    "peer_get": dict(RET="0 on success, *out holding the snapshot.",
                     ERR=[("EINVAL", "c or out is NULL, or peer >= "
                                     "max_peers.")]),
    "heartbeat": dict(
        RET="0 on success.",
        ERR=[HANDLE,
             ("EINVAL", "interval_ms is not 0 and cellipc_ring_init(3) was "
                        "not called, or timeout_ms <= interval_ms.")],
        EX="cellipc_ring_init(c, NULL);\n"
           "cellipc_heartbeat(c, 100, 1000);   /* beat 10/s, dead after 1 s */\n"
           "/* then the event loop: CELLIPC_EV_PEER_DEAD / _ALIVE */"),
    "ring_init": dict(
        RET="0 on success.",
        ERR=[HANDLE,
             ("EINVAL", "p has unknown flags or non-zero reserved fields, "
                        "the output section is too small for the ring "
                        "header of max_peers peers, or p->ring_size is not "
                        "a power of two from 4096 to what fits.")],
        EX="cellipc_set_event_cb(c, on_event, &app);\n"
           "ret = cellipc_ring_init(c, NULL);  /* largest rings that fit */\n"
           "/* wait for CELLIPC_EV_CONNECT from the peer, then send */"),
    "max_msg": dict(RET="The largest payload in bytes (half the ring less "
                        "the record header); 0 if c is NULL, the message "
                        "layer is not set up, peer is invalid or not "
                        "connected.", ERR=None),
    "reserve": dict(
        RET="0 on success, *buf pointing at len writable bytes; a negative "
            "errno value on failure.",
        ERR=[("EINVAL", "c or buf is NULL, no cellipc_ring_init(3), peer >= "
                        "max_peers or is the own id."),
             ("ENOTCONN", "the peer is not connected."),
             ("EALREADY", "a reservation to peer is already open."),
             ("EMSGSIZE", "len exceeds cellipc_max_msg(3): it never fits."),
             ("EAGAIN", "not enough space now; CELLIPC_EV_WRITABLE follows "
                        "when the peer frees space."),
             ("EPROTO", "the channel is stopped (corrupted ring).")],
        EX=ZC_EX),
    "commit": dict(
        RET="0 on success.",
        ERR=[("EINVAL", "c is NULL, no cellipc_ring_init(3), bad peer, "
                        "unknown flags, or no open reservation to peer."),
             ("EMSGSIZE", "len is larger than the reservation.")],
        EX=ZC_EX),
    "abort": dict(RET="0 on success.",
                  ERR=[("EINVAL", "c is NULL, no cellipc_ring_init(3), bad "
                                  "peer, or no open reservation.")]),
    "send": dict(
        RET="0 on success.",
        ERR=[("EINVAL", "buf is NULL with len > 0; and as for "
                        "cellipc_reserve(3) and cellipc_commit(3)."),
             ("ENOTCONN, EALREADY, EMSGSIZE, EAGAIN, EPROTO",
              "as for cellipc_reserve(3).")]),
    "send_batch": dict(
        RET="The number of messages sent (1..n) when at least one was; "
            "otherwise the negative errno value of the first one (0 if n is "
            "0).",
        ERR=[("EINVAL", "bufs or lens is NULL; and as for cellipc_send(3)."),
             ("ENOTCONN, EMSGSIZE, EAGAIN, EPROTO", "the first message "
                                                    "could not be sent, as "
                                                    "for cellipc_send(3).")],
        EX="const void *bufs[] = { a, b, c };\n"
           "size_t lens[] = { alen, blen, clen };\n"
           "int n = cellipc_send_batch(c, peer, bufs, lens, 3);\n\n"
           "if (n == -EAGAIN || (n >= 0 && n < 3))\n"
           "        /* resend the rest after CELLIPC_EV_WRITABLE */;"),
    "flush": dict(RET="0 on success.",
                  ERR=[("EINVAL", "c is NULL, no cellipc_ring_init(3), or "
                                  "peer (not CELLIPC_ALL_PEERS) is >= "
                                  "max_peers or the own id.")]),
    "peek": dict(
        RET="0 on success, *data and *len describing the oldest message "
            "(not consumed); a negative errno value otherwise.",
        ERR=[("EINVAL", "data or len is NULL; and as below.")] + RING_CONN +
            [("EAGAIN", "no message is pending.")],
        EX=PEEK_EX),
    "release": dict(RET="0 on success.",
                    ERR=[("EINVAL", "c is NULL, no cellipc_ring_init(3), "
                                    "bad peer, or no message was peeked.")],
                    EX=PEEK_EX),
    "recv": dict(
        RET="The message's length in bytes (>= 0) on success; a negative "
            "errno value otherwise.",
        ERR=[("EINVAL", "buf is NULL with cap > 0; and as below.")] +
            RING_CONN +
            [("EAGAIN", "no message is pending."),
             ("EMSGSIZE", "the message is longer than cap (it stays "
                          "queued).")]),
    "tx_space": dict(
        RET="The payload bytes one message could use now (>= 0); a negative "
            "errno value otherwise.",
        ERR=RING_CONN),
    "strerror": dict(RET="A static string, never NULL (\"unknown error\" "
                         "for values the library and libc do not know). "
                         "err may be given with either sign.", ERR=None),
    "last_error": dict(RET="The diagnostic, \"\" if none or c is NULL; "
                           "valid until the next call on c.", ERR=None),
    "event_attach": dict(
        RET="0 on success, *ap holding the adapter.",
        ERR=[("EINVAL", "c, base or ap is NULL."),
             ("ENOMEM", "out of memory, or libevent could not create or "
                        "add the events (see cellipc_last_error(3)).")],
        EX="struct event_base *base = event_base_new();\n"
           "struct cellipc_event_adapter *ad;\n\n"
           "cellipc_set_event_cb(c, on_event, &app);\n"
           "if (cellipc_event_attach(c, base, &ad) == 0) {\n"
           "        event_base_dispatch(base);\n"
           "        cellipc_event_detach(ad);\n"
           "}\n"
           "event_base_free(base);\n"
           "cellipc_close(c);"),
    "event_detach": dict(RET="None.", ERR=None),
    "uring_arm": dict(
        RET="0 on success (the poll is queued, not submitted).",
        ERR=[("EINVAL", "c or ring is NULL."),
             ("EBUSY", "the submission queue is full.")],
        EX="struct io_uring ring;\n"
           "struct io_uring_cqe *cqe;\n\n"
           "io_uring_queue_init(8, &ring, 0);\n"
           "cellipc_uring_arm(c, &ring, 1);\n"
           "for (;;) {\n"
           "        int t = cellipc_timeout_ms(c);\n"
           "        struct __kernel_timespec ts = { t / 1000, t % 1000 * 1000000 };\n\n"
           "        io_uring_submit(&ring);\n"
           "        if (io_uring_wait_cqe_timeout(&ring, &cqe, t < 0 ? NULL : &ts))\n"
           "                cellipc_process(c, 0);  /* timeout */\n"
           "        else {\n"
           "                cellipc_uring_complete(c, &ring, cqe);\n"
           "                io_uring_cqe_seen(&ring, cqe);\n"
           "        }\n"
           "}"),
    "uring_complete": dict(
        RET="What cellipc_process(3) returned (>= 0) on success; a negative "
            "errno value if the poll failed, processing failed or the poll "
            "could not be queued again.",
        ERR=[("EINVAL", "c, ring or cqe is NULL."),
             ("EBUSY", "the submission queue is full (re-arm failed), or "
                       "called from an event callback."),
             ("cqe->res", "the poll completed with that error (other than "
                          "ECANCELED, which is treated as a wake-up).")]),
}

# cellipc.7: a newcomer's tour, (subsection title, paragraphs).
OVERVIEW = [
    ("Opening a device",
     ["An ivshmem v2 device connects max_peers cells (2 or more). Each cell "
      "is one peer with an id; it sees a read-only state table with one "
      "32-bit entry per peer, an optional R/W section shared by all, one "
      "output section per peer (only its own is writable), a state "
      "register, doorbells to the other peers and one interrupt.",
      "cellipc_open(3) takes the device spec an application gets from its "
      "command line: \"/dev/uio0\", \"pci:0001:00:00.0\", \"proto:N\", "
      "\"sim:PATH\", or NULL for the first ivshmem v2 device. On a board "
      "the device is a uio node of the uio_ivshmem driver; "
      "cellipc_find_uio(3) searches sysfs. cellipc_get_info(3) reports the "
      "own id, max_peers and the section sizes; cellipc_close(3) releases "
      "everything and tells the peers (state 0)."]),
    ("Peer state",
     ["cellipc_state_set(3) writes the own state register: the device puts "
      "the value into the own entry of the state table and interrupts "
      "every other peer. cellipc_state_get(3) and cellipc_state_table(3) "
      "read the entries. An entry is reset to 0 when its owner closes, "
      "its process dies (sim) or its cell is reset (hypervisor), so 0 "
      "means \"not there\". cellipc_process(3) turns changes into "
      "CELLIPC_EV_STATE events and counts restarts in the peer's "
      "generation (cellipc_peer_get(3))."]),
    ("Doorbells and interrupts",
     ["cellipc_doorbell(3) interrupts one peer on a vector; stores made "
      "before it are visible to that peer first. The interrupt arrives on "
      "cellipc_irq_fd(3). The device works in one-shot mode: after each "
      "interrupt, delivery stays off until cellipc_irq_enable(3), so a raw "
      "user acknowledges (cellipc_irq_ack(3)), re-arms, then looks at "
      "shared memory. Users of the message layer leave this to "
      "cellipc_process(3)."]),
    ("Message rings",
     ["cellipc_ring_init(3) formats the own output section into one "
      "single-producer ring towards every other peer. A channel is "
      "connected (CELLIPC_EV_CONNECT) once both sides did so; it is lost "
      "(CELLIPC_EV_DISCONNECT) when the peer closes or restarts. Send with "
      "cellipc_send(3) (copy) or cellipc_reserve(3) + cellipc_commit(3) "
      "(zero copy); batch with CELLIPC_SEND_MORE and cellipc_flush(3). "
      "Receive with cellipc_recv(3) (copy) or cellipc_peek(3) + "
      "cellipc_release(3). A full ring gives -EAGAIN and later "
      "CELLIPC_EV_WRITABLE. Peer memory is treated as hostile: a corrupted "
      "ring stops that channel with -EPROTO and CELLIPC_EV_ERROR. "
      "cellipc_heartbeat(3) reports hung peers (CELLIPC_EV_PEER_DEAD)."]),
    ("Event loops",
     ["Nothing happens behind the caller's back: no threads, no signals. "
      "Poll cellipc_fd(3) for POLLIN with the timeout of "
      "cellipc_timeout_ms(3), then call cellipc_process(3), which runs the "
      "callback of cellipc_set_event_cb(3) for each event. "
      "cellipc_wait(3) does both for simple programs; "
      "cellipc_event_attach(3) (libevent) and cellipc_uring_arm(3) / "
      "cellipc_uring_complete(3) (io_uring) plug a handle into those "
      "loops. One handle belongs to one thread at a time."]),
    ("The sim backend",
     ["\"sim:PATH\" (cellipc_open_sim(3)) emulates the device between "
      "processes on one Linux machine: the file PATH holds the sections, "
      "a FIFO per peer (PATH.irqN) is its interrupt line, and a pidfd "
      "lets the survivors reset the state of a peer that died. Pass "
      "CELLIPC_OPEN_CREATE and a peer_id in struct cellipc_params; the "
      "other process opens the same path with another peer_id. Programs "
      "written against sim run unchanged on a board with a uio spec."]),
    ("Errors",
     ["Functions return 0 (or a count) on success and a negative errno "
      "value on failure; each page lists its errors. cellipc_strerror(3) "
      "describes a value; cellipc_last_error(3), or errbuf in "
      "struct cellipc_params for the open calls, says which object failed "
      "and what was expected. Link with -lcellipc, or "
      "pkg-config --libs cellipc (--static for static links)."]),
]

OVERVIEW_EX = """/* peer 0 of a two-peer sim device: send "hello", print replies.
 * Run a second copy with .peer_id = 1 for the other end. */
#include <stdio.h>
#include <cellipc.h>

static void on_event(struct cellipc *c, const struct cellipc_event *ev,
                     void *arg)
{
        char buf[256];
        ssize_t n;

        (void)arg;
        if (ev->type == CELLIPC_EV_CONNECT)
                cellipc_send(c, ev->peer, "hello", 5, 0);
        else if (ev->type == CELLIPC_EV_READABLE)
                while ((n = cellipc_recv(c, ev->peer, buf, sizeof(buf))) >= 0)
                        printf("%.*s\\n", (int)n, buf);
}

int main(void)
{
        struct cellipc_params p = { .flags = CELLIPC_OPEN_CREATE };
        struct cellipc *c;
        int ret = cellipc_open("sim:/tmp/demo-dev", &p, &c);

        if (ret < 0) {
                fprintf(stderr, "open: %s\\n", cellipc_strerror(ret));
                return 1;
        }
        cellipc_set_event_cb(c, on_event, NULL);
        ret = cellipc_ring_init(c, NULL);
        while (ret >= 0)
                ret = cellipc_wait(c, -1);
        fprintf(stderr, "%s: %s\\n", cellipc_strerror(ret),
                cellipc_last_error(c));
        cellipc_close(c);
        return 0;
}"""
