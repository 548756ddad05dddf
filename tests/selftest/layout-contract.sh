#!/bin/sh
# SPDX-License-Identifier: MIT
# The layout rules of README.md ("Layout", "Components"): every listed
# component has a Makefile with the required targets (all, install,
# clean), written as plain rules the top Makefile can find, and every
# folder down to the second level has a README.md saying what it owns.
# Prints each offender; exits 1 if there is one.
# Usage: layout-contract.sh TOP
top=${1:?usage: layout-contract.sh TOP}
cd "$top" || exit 2
bad=0

components=$(sed -n 's/^COMPONENTS ?=//p' Makefile)
for c in $components; do
	[ -f "$c/Makefile" ] || continue	# listed, absent: skipped
	for t in all install clean; do
		grep -qE "^([^:=#]* )?$t( [^:=]*)?:" "$c/Makefile" && continue
		echo "$c/Makefile: no '$t' rule (required by the contract)"
		bad=1
	done
done

# folders of tracked files (outside git: every folder but build/)
if git rev-parse --show-toplevel > /dev/null 2>&1; then
	files=$(git ls-files)
else
	files=$(find . -path ./build -prune -o -type f -print | sed 's|^\./||')
fi
dirs=$(echo "$files" | awk -F/ '{ p = ""; for (i = 1; i < NF && i <= 2; i++)
	{ p = p (p ? "/" : "") $i; print p } }' | sort -u)
for d in $dirs; do
	[ -f "$d/README.md" ] && continue
	echo "$d: no README.md (say what the folder owns)"
	bad=1
done
exit $bad
