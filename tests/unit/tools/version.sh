#!/bin/sh
# SPDX-License-Identifier: MIT
# `jailhouse --version` (tools/Makefile `test`): prints the build's version
# (git describe of the tree; the project version outside a git tree) and
# the interface revisions the headers define. One ok/not ok line each.
# Usage: version.sh TOP OUT MAKE_VERSION
set -u
top=${1:?usage}; out=${2:?usage}; want=${3:?usage}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok tools/$1"; }
nok() { echo "not ok tools/$1 # $2"; fail=1; }
def() { sed -n "s/^#define $1[[:space:]]*//p" "$top"/include/jailhouse/*.h |
	head -n 1 | tr -d '"'; }

"$out/jailhouse-host" --version > "$tmp/v" 2>&1 || nok version_exit_status "exit $?"
cat "$tmp/v" | sed 's/^/#   /'

# the version: git describe as the tree is now
pv=$(cat "$top/VERSION")
head=$(git -C "$top" rev-parse --short HEAD)
first=$(head -n 1 "$tmp/v")
case $first in
"jailhouse $want")
	case $want in
	*"$head"*|*[0-9]) ok version_is_git_describe ;;
	*) nok version_is_git_describe "'$want' names neither HEAD $head nor a tag" ;;
	esac ;;
*) nok version_is_git_describe "first line '$first', expected 'jailhouse $want'" ;;
esac
case $want in
"$pv"-g*|"$pv"|v*|[0-9]*) ;;
*) nok version_is_git_describe "'$want' does not start with $pv or a tag" ;;
esac
if strings "$out/jailhouse" | grep -qx "$want"; then
	ok version_in_arm64_binary
else
	nok version_in_arm64_binary "build/tools/jailhouse lacks '$want'"
fi

# the revisions, as the headers define them
exp="config revision: $(def JAILHOUSE_CONFIG_REVISION) (\"$(def JAILHOUSE_SYSTEM_SIGNATURE)\" system
hypercall ABI: hvc #$(def JAILHOUSE_HVC_CODE), codes $(def JAILHOUSE_HC_DISABLE)-$(def JAILHOUSE_HC_DEBUG_CONSOLE_PUTC)
comm region ABI revision: $(def JAILHOUSE_COMM_REGION_ABI_REVISION)
hypervisor image header: \"$(def JAILHOUSE_HEADER_SIGNATURE)\" version $(def JAILHOUSE_HEADER_VERSION)"
miss=$(echo "$exp" | while IFS= read -r l; do
	grep -qF "  $l" "$tmp/v" || echo "'$l'"; done)
[ -z "$miss" ] && ok version_prints_interface_revisions ||
	nok version_prints_interface_revisions "missing: $miss"

# outside a git tree: the project version alone
mkdir -p "$tmp/src/config-check"
cp -r "$top/tools" "$top/include" "$top/VERSION" "$tmp/src/" &&
	cp "$top/config-check/config-check.c" "$tmp/src/config-check/" &&
	make -s -C "$tmp/src/tools" BUILD="$tmp/build" \
		"$tmp/build/tools/jailhouse-host" > "$tmp/build.log" 2>&1 &&
	v=$("$tmp/build/tools/jailhouse-host" --version | head -n 1) &&
	[ "$v" = "jailhouse $pv" ] && ok version_without_git_is_project_version ||
	nok version_without_git_is_project_version "got '${v:-}' (expected 'jailhouse $pv'; $(tail -n 3 "$tmp/build.log" 2>/dev/null))"
exit "$fail"
