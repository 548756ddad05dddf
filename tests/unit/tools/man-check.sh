#!/bin/sh
# SPDX-License-Identifier: MIT
# The tool's man pages (tools/man/*.8) cannot drift from its --help:
#  - they are what tools/man/gen-man.py makes of `jailhouse [GROUP] --help`
#    today (run `make -C tools man` after changing tools/help.c);
#  - every command `jailhouse --help` lists has its page, every page has
#    NAME, SYNOPSIS, DESCRIPTION and SEE ALSO;
#  - groff -man -ww and man -l render every page without a warning;
#  - `make install DESTDIR=` puts them under /usr/share/man/man8.
# One ok/not ok line each. Usage: man-check.sh TOP OUT
set -u
top=${1:?usage}; out=${2:?usage}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok tools/man_$1"; }
nok() { echo "not ok tools/man_$1 # $2"; fail=1; }
man=$top/tools/man

mkdir "$tmp/gen"
if python3 "$man/gen-man.py" "$out/jailhouse-host" "$tmp/gen" 2> "$tmp/err"
then
	d=$(for f in "$tmp"/gen/*.8; do
		diff -u "$man/$(basename "$f")" "$f"; done 2>&1)
	[ -z "$d" ] && ok pages_match_help ||
		nok pages_match_help "tools/man differs from --help (make -C tools man): $(echo "$d" | head -n 20 | tr '\n' '|')"
else
	nok pages_match_help "gen-man.py failed: $(cat "$tmp/err")"
fi

missing=
for c in $("$out/jailhouse-host" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\).*/\1/p'); do
	case $c in disable) p=enable ;; *) p=$c ;; esac
	[ -f "$man/jailhouse-$p.8" ] || missing="$missing $c"
done
[ -z "$missing" ] && [ -f "$man/jailhouse.8" ] && ok page_per_command ||
	nok page_per_command "no page for:$missing"

bad=
for f in "$man"/*.8; do
	for s in NAME SYNOPSIS DESCRIPTION 'SEE ALSO'; do
		grep -q "^\.SH $s\$" "$f" || bad="$bad $(basename "$f"):$s"
	done
	w=$(groff -man -ww -z "$f" 2>&1)
	[ -n "$w" ] && bad="$bad $(basename "$f"): groff: $w"
	w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null)
	[ -n "$w" ] && bad="$bad $(basename "$f"): man -l: $w"
done
[ -z "$bad" ] && ok render_without_warnings || nok render_without_warnings "$bad"

if make -s -C "$top/tools" install-doc DESTDIR="$tmp/dest" > "$tmp/inst" 2>&1
then
	n=0
	for f in "$man"/*.8; do
		cmp -s "$f" "$tmp/dest/usr/share/man/man8/$(basename "$f")" ||
			{ n=1; echo "# $(basename "$f") not installed"; }
	done
	[ $n -eq 0 ] && ok installed || nok installed "see above"
else
	nok installed "make install-doc failed: $(cat "$tmp/inst")"
fi
exit "$fail"
