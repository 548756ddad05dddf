#!/bin/sh
# SPDX-License-Identifier: MIT
# No sleep as synchronisation in the tests: a `sleep`/`usleep` is allowed
# only inside a while/until loop (polling a condition with a deadline) or
# right after a comment line saying `# pacing: <why>` (a measurement
# window, a deliberate delay). Prints each offender as FILE:LINE.
# Usage: no-sleep-sync.sh TOP
top=${1:?usage: no-sleep-sync.sh TOP}
cd "$top" || exit 2
files=$(ls tests/e2e/*.sh tests/e2e/lib/*.sh tests/apps/*.sh \
	tests/unit/cellipc/*.sh tests/run-all 2>/dev/null)
awk '
FNR == 1 { depth = 0; prev = "" }
{
	line = $0
	code = line
	sub(/^[ \t]*#.*/, "", code)
	if (code ~ /^[ \t]*(while|until)[ \t]/)
		depth++
	if (code ~ /(^|[;&|( \t])(u)?sleep[ \t]+[0-9"$]/ && depth == 0 &&
	    prev !~ /# pacing:/) {
		print FILENAME ":" FNR ": " line
		bad = 1
	}
	if (code ~ /^[ \t]*done([ \t;|&<>]|$)/ && depth > 0)
		depth--
	prev = line
}
END { exit bad }' $files
