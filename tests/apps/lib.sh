# SPDX-License-Identifier: MIT
# Helpers for the apps' host scenarios: result lines, network namespaces
# that are removed on exit, background processes, polling with timeouts.
# Sourced by tests/apps/*.sh and bench/net/bench.sh. Needs root.

FAILED=0
NSLIST=
PIDLIST=
WORK=

ok() { echo "ok $1"; }
notok() {
	echo "not ok $1${2:+ ($2)}"
	FAILED=$((FAILED + 1))
}
# check NAME CMD...: one result line for CMD's exit status
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else notok "$name"; fi
}

cleanup() {
	for p in $PIDLIST; do
		kill -CONT "$p" 2>/dev/null
		kill "$p" 2>/dev/null
	done
	for p in $PIDLIST; do
		wait_secs_gone 3 "$p" || kill -9 "$p" 2>/dev/null
	done
	for n in $NSLIST; do ip netns del "$n" 2>/dev/null; done
	[ -n "$WORK" ] && [ -z "$KEEP" ] && rm -rf "$WORK"
}

# setup_env PREFIX: work dir and two namespaces $NSA, $NSB
setup_env() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "$1: needs root (network namespaces, TAP)" >&2
		exit 1
	fi
	WORK=$(mktemp -d "/tmp/$1.XXXXXX")
	NSA="$1-a-$$"
	NSB="$1-b-$$"
	trap cleanup EXIT
	trap 'exit 1' INT TERM
	for n in "$NSA" "$NSB"; do
		ip netns add "$n" || { echo "cannot create netns $n" >&2; exit 1; }
		NSLIST="$NSLIST $n"
		ip -n "$n" link set lo up
	done
}

# bg LOGFILE CMD...: start CMD in the background, PID in $BGPID
bg() {
	log=$1
	shift
	"$@" >"$log" 2>&1 &
	BGPID=$!
	PIDLIST="$PIDLIST $BGPID"
}

# wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds
wait_for() {
	n=$(($1 * 10))
	shift
	while [ "$n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# wait_secs_gone SECONDS PID: PID is gone within SECONDS
wait_secs_gone() {
	n=$(($1 * 10))
	while kill -0 "$2" 2>/dev/null; do
		[ "$n" -gt 0 ] || return 1
		sleep 0.1
		n=$((n - 1))
	done
}

# wait_exit SECONDS PID: wait for PID to exit; status in $EXITSTATUS
wait_exit() {
	n=$(($1 * 10))
	while [ "$n" -gt 0 ]; do
		if ! kill -0 "$2" 2>/dev/null; then
			wait "$2"
			EXITSTATUS=$?
			return 0
		fi
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

alive() { kill -0 "$1" 2>/dev/null; }

# carrier NS IF: the interface has a carrier
carrier() {
	ip -n "$1" link show "$2" 2>/dev/null | grep -q 'LOWER_UP'
}
no_carrier() {
	ip -n "$1" link show "$2" 2>/dev/null | grep -q 'NO-CARRIER'
}

# in_log FILE PATTERN: grep -E in a log
in_log() { grep -Eq -- "$2" "$1"; }

# nb_pair SIM IF_A ADDR_A IF_B ADDR_B "PREFIX_A" "PREFIX_B" [OPTION...]:
# netbridge ($BIN) peers 0 in $NSA and 1 in $NSB on the sim file SIM, as
# interfaces IF_A and IF_B with ADDR_A/24 and ADDR_B/24, each command
# behind its PREFIX (taskset, env ...; may be empty). PIDs in NB_PID_A and
# NB_PID_B, logs in $WORK/IF_A.log and $WORK/IF_B.log. Returns 0 once the
# link is up, 1 if it does not come up.
nb_pair() {
	nb_sim=$1 nb_ifa=$2 nb_ipa=$3 nb_ifb=$4 nb_ipb=$5 nb_pfa=$6 nb_pfb=$7
	shift 7
	bg "$WORK/$nb_ifa.log" ip netns exec "$NSA" $nb_pfa "$BIN/netbridge" \
		-d "sim:$nb_sim" --create --id 0 -u -i "$nb_ifa" "$@"
	NB_PID_A=$BGPID
	bg "$WORK/$nb_ifb.log" ip netns exec "$NSB" $nb_pfb "$BIN/netbridge" \
		-d "sim:$nb_sim" --create --id 1 -u -i "$nb_ifb" "$@"
	NB_PID_B=$BGPID
	wait_for 10 ip -n "$NSA" link show "$nb_ifa" &&
		wait_for 10 ip -n "$NSB" link show "$nb_ifb" &&
		ip -n "$NSA" addr add "$nb_ipa/24" dev "$nb_ifa" &&
		ip -n "$NSB" addr add "$nb_ipb/24" dev "$nb_ifb" &&
		wait_for 20 carrier "$NSA" "$nb_ifa"
}

# tcp_transfer FROM_NS TO_NS TO_IP MIB PORT SECONDS: MIB MiB of random data
# over TCP within SECONDS; succeeds if the checksums match
tcp_transfer() {
	head -c $(($4 * 1048576)) /dev/urandom >"$WORK/tx.bin"
	rm -f "$WORK/rx.bin"
	ip netns exec "$2" socat -u "TCP-LISTEN:$5,reuseaddr" \
		"OPEN:$WORK/rx.bin,creat,trunc" &
	srv=$!
	wait_for 5 sh -c "ip netns exec $2 ss -ltn | grep -q :$5"
	timeout "$6" ip netns exec "$1" socat -u "FILE:$WORK/tx.bin" \
		"TCP:$3:$5"
	wait_exit 30 "$srv" || kill "$srv"
	[ "$(sha256sum <"$WORK/tx.bin")" = "$(sha256sum <"$WORK/rx.bin")" ]
}

# stat_of LOG KEY: last value of KEY=N in netbridge's stats lines
stat_of() {
	grep 'stats:' "$1" | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# cpu_ticks PID: user + system CPU time of PID so far, in clock ticks
cpu_ticks() {
	sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# idle_for PID SECONDS MAX: PID used at most MAX clock ticks (USER_HZ,
# 100/s) of CPU in the next SECONDS; a busy loop uses 100 per second.
idle_for() {
	t0=$(cpu_ticks "$1") || return 1
	# pacing: the measurement window itself, not a synchronisation
	sleep "$2"
	t1=$(cpu_ticks "$1") || return 1
	echo "# pid $1 used $((t1 - t0)) ticks in $2 s (at most $3 allowed)"
	[ $((t1 - t0)) -le "$3" ]
}
