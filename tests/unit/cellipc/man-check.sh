#!/bin/sh
# SPDX-License-Identifier: MIT
# libcellipc's man pages match its API and render cleanly:
#  - every public function of cellipc.h (and every cellipc_* symbol the
#    shared library exports) has its section-3 page, and no page exists or
#    names a function (NAME(...) or NAME(3)) that the header lacks;
#  - every page has RETURN VALUE and a non-empty ERRORS section;
#  - the pages are what tools/gen-man.py makes of the header today;
#  - groff -man -ww and man -l render every page without a warning;
#  - the program in cellipc.7's EXAMPLES compiles and links.
# Usage: man-check.sh LIBCELLIPC_DIR SHARED_LIB STATIC_LIB CC
set -u
src=${1:?usage}; so=${2:?usage}; ar=${3:?usage}; cc=${4:?usage}
hdr=$src/include/cellipc.h
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "man-check: $*" >&2; fail=1; }

# declarations start at column 0; the typedef'd callback is not a function
grep -E '^[a-z].*\bcellipc_[a-z0-9_]+\(' "$hdr" | grep -v '^typedef' |
	sed -E 's/.*\b(cellipc_[a-z0-9_]+)\(.*/\1/' | sort -u > "$tmp/hdr"
[ -s "$tmp/hdr" ] || { echo "man-check: no functions found in $hdr" >&2; exit 1; }
for f in "$src"/man/*.3; do basename "$f" .3; done | sort -u > "$tmp/pages"
nm -D --defined-only "$so" | awk '$3 ~ /^cellipc_/ { print $3 }' |
	sort -u > "$tmp/syms"

comm -23 "$tmp/hdr" "$tmp/pages" | while read -r n; do
	echo "man-check: $n is declared in cellipc.h but has no man/$n.3" >&2
	echo x; done > "$tmp/f1"
comm -13 "$tmp/hdr" "$tmp/pages" | while read -r n; do
	echo "man-check: man/$n.3 documents a function cellipc.h lacks" >&2
	echo x; done >> "$tmp/f1"
comm -3 "$tmp/hdr" "$tmp/syms" | while read -r n; do
	echo "man-check: $n: header and $(basename "$so") exports differ" >&2
	echo x; done >> "$tmp/f1"
[ -s "$tmp/f1" ] && fail=1

for f in "$src"/man/*.3 "$src"/man/cellipc.7; do
	p=$(basename "$f")
	sed 's/\\f[BIRP]//g; s/\\-/-/g' "$f" |
		grep -oE '\bcellipc_[a-z0-9_]+ ?\((3|[^)]|\))' |
		sed -E 's/ ?\(.*//' | sort -u | while read -r n; do
		grep -qx "$n" "$tmp/hdr" ||
			echo "man-check: $p names $n(), which cellipc.h does not declare" >&2
	done 2>&1 | tee "$tmp/names" >&2
	[ -s "$tmp/names" ] && fail=1
	case $p in *.3)
		grep -q '^\.SH RETURN VALUE' "$f" || bad "$p: no RETURN VALUE section"
		awk '/^\.SH ERRORS/ { e = 1; next } /^\.SH/ { e = 0 }
		     e && NF { n++ } END { exit !n }' "$f" ||
			bad "$p: no (or an empty) ERRORS section"
		grep -q 'non-negative count as described above' "$f" &&
			bad "$p: generic return text instead of the real one"
	esac
	w=$(groff -man -ww -z "$f" 2>&1)
	[ -n "$w" ] && bad "$p: groff -man -ww: $w"
	w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null)
	[ -n "$w" ] && bad "$p: man -l: $w"
done

mkdir "$tmp/gen"
python3 "$src/tools/gen-man.py" "$hdr" "$tmp/gen" ||
	bad "tools/gen-man.py failed"
# man/README.md says what the folder owns; it is not generated
diff -r -x README.md "$tmp/gen" "$src/man" >/dev/null ||
	bad "man/ is not what tools/gen-man.py makes of cellipc.h (run: python3 tools/gen-man.py include/cellipc.h man/)"

PYTHONPATH=$src/tools python3 -c 'import manfacts; print(manfacts.OVERVIEW_EX)' \
	> "$tmp/ov.c" && $cc -Wall -Wextra -Werror -I"$src/include" \
	-o "$tmp/ov" "$tmp/ov.c" "$ar" || bad "cellipc.7 EXAMPLES does not build"
exit "$fail"
