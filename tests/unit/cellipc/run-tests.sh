#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the libcellipc test binaries given as arguments (cmocka, TAP output)
# and prints one contract line per test: "ok cellipc/<file>/<test>" or
# "not ok ...". A binary that dies without reporting counts as one failure.
fail=0
for bin in "$@"; do
	name=$(basename "$bin")
	out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$bin" 2>"$bin.stderr")
	rc=$?
	echo "$out" | sed -n \
		-e "s|^ok [0-9]* - \(.*\)|ok cellipc/$name/\1|p" \
		-e "s|^not ok [0-9]* - \(.*\)|not ok cellipc/$name/\1|p"
	if echo "$out" | grep -q '^not ok' || [ $rc -ne 0 ]; then
		fail=1
		echo "$out" | grep -v -e '^ok' -e '^not ok' | sed 's/^/    /'
		sed 's/^/    /' "$bin.stderr" | head -40
		if ! echo "$out" | grep -q '^not ok'; then
			echo "not ok cellipc/$name (exit status $rc)"
		fi
	fi
done
exit $fail
