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
	echo "not ok $1${2:+ # $2}"
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
	sleep 0.3
	for p in $PIDLIST; do kill -9 "$p" 2>/dev/null; done
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

# stat_of LOG KEY: last value of KEY=N in netbridge's stats lines
stat_of() {
	grep 'stats:' "$1" | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p"
}
