#!/bin/sh
# SPDX-License-Identifier: MIT
# The cellipc-raw example on a sim device, two peers: each sees the other's
# doorbells and peer 1 prints its id. Waits for both to finish.
# Usage: example-raw.sh EXAMPLE_BINARY
bin=${1:?usage: example-raw.sh EXAMPLE_BINARY}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
timeout 60 "$bin" -d "sim:$d/dev" -p 1 -n 4 > "$d/p1.log" 2>&1 &
p1=$!
timeout 60 "$bin" -d "sim:$d/dev" -p 0 -n 4 > "$d/p0.log" 2>&1
r0=$?
wait "$p1"
r1=$?
cat "$d/p0.log" "$d/p1.log"
[ "$r0" -eq 0 ] && [ "$r1" -eq 0 ] &&
	grep -q 'Interrupt #' "$d/p0.log" && grep -q 'Interrupt #' "$d/p1.log" &&
	grep -q '^ID = 1' "$d/p1.log"
