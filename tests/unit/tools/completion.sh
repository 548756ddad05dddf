#!/bin/bash
# SPDX-License-Identifier: MIT
# tools/completion/jailhouse, driven as bash does it: COMP_WORDS and
# COMP_CWORD set, _jailhouse called, COMPREPLY compared. Commands,
# options, cell names from a fake sysfs tree (JAILHOUSE_SYSFS; the root
# cell is left out), .cell/.bin/.dtb files, and `make install-doc`
# putting it under usr/share/bash-completion/completions. One ok/not ok
# line each; every option and command of the tool's --help texts is
# offered. Usage: completion.sh TOP OUT
set -u
export LC_ALL=C
top=${1:?usage}; out=${2:?usage}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
. "$top/tools/completion/jailhouse" || exit 1

mkdir -p "$tmp/sys/cells/0" "$tmp/sys/cells/1" "$tmp/sys/cells/2" \
	"$tmp/files/cells"
echo qemu-arm64 > "$tmp/sys/cells/0/name"
echo inmate-demo > "$tmp/sys/cells/1/name"
echo qemu-arm64-linux-demo > "$tmp/sys/cells/2/name"
export JAILHOUSE_SYSFS=$tmp/sys
cd "$tmp/files" || exit 1
touch a.cell b.cell demo.bin x.dtb Image notes.txt cells/c.cell

# expect NAME 'COMMAND LINE' 'EXPECTED COMPLETIONS' (sorted, one blank
# between): the last word of the line (after the last blank) is completed
expect() {
	local name=$1 line=$2 want got
	want=$(echo "$3" | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ' |
		sed 's/ $//')
	read -r -a COMP_WORDS <<< "$line"
	[[ $line == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_jailhouse jailhouse "${COMP_WORDS[COMP_CWORD]}" \
		"${COMP_WORDS[COMP_CWORD - 1]}"
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort |
		tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$want" ]; then
		echo "ok tools/completion_$name"
	else
		echo "not ok tools/completion_$name # '$line': got '$got', expected '$want'"
		fail=1
	fi
}

expect commands 'jailhouse ' '--help --version -h cell config console disable enable'
expect command_prefix 'jailhouse c' 'cell config console'
expect enable_cell_files 'jailhouse enable ' 'a.cell b.cell cells'
expect enable_subdir 'jailhouse enable cells/' 'cells/c.cell'
expect console_options 'jailhouse console -' '--follow --help -f'
expect config_check 'jailhouse config ' '--help check'
expect config_check_files 'jailhouse config check a.cell ' 'a.cell b.cell cells'
expect cell_commands 'jailhouse cell ' '--help create destroy linux list load shutdown start stats'
expect cell_create 'jailhouse cell create ' 'a.cell b.cell cells'
expect cell_names 'jailhouse cell start ' '--name inmate-demo qemu-arm64-linux-demo'
expect cell_name_prefix 'jailhouse cell destroy qemu' 'qemu-arm64-linux-demo'
expect cell_after_name 'jailhouse cell stats --name ' 'inmate-demo qemu-arm64-linux-demo'
expect cell_shutdown_done 'jailhouse cell shutdown inmate-demo ' ''
expect load_cell 'jailhouse cell load ' '--name inmate-demo qemu-arm64-linux-demo'
expect load_images 'jailhouse cell load inmate-demo ' 'cells demo.bin'
expect load_options 'jailhouse cell load inmate-demo demo.bin -' '--address --string -a -s'
expect load_address 'jailhouse cell load inmate-demo demo.bin -a ' ''
expect load_after_name 'jailhouse cell load --name inmate-demo ' 'cells demo.bin'
expect linux_config 'jailhouse cell linux ' 'a.cell b.cell cells'
expect linux_options 'jailhouse cell linux --d' '--dtb'
expect linux_all_options 'jailhouse cell linux -' '--arch --cmdline --dtb --help --initrd --kernel-decomp-factor --write-params -a -c -d -h -i -k -w'
expect linux_dtb 'jailhouse cell linux -d ' 'cells x.dtb'
expect linux_arch 'jailhouse cell linux a.cell -a ' 'arm64'
expect linux_kernel 'jailhouse cell linux -d x.dtb a.cell I' 'Image'
expect linux_initrd 'jailhouse cell linux -i n' 'notes.txt'
expect linux_done 'jailhouse cell linux a.cell Image ' ''

# what --help lists, the completion offers
help_words() {
	"$out/jailhouse-host" "$@" --help |
		sed -n 's/^  \(-[a-z]\), \(--[a-z-]*\).*/\1 \2/p; s/^  \(--[a-z-]*\)$/\1/p' |
		tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//'
}
cmds() {
	"$out/jailhouse-host" "$@" --help |
		sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\).*/\1/p' | sort |
		tr '\n' ' ' | sed 's/ $//'
}
expect help_top_options 'jailhouse -' "$(help_words)"
expect help_top_commands 'jailhouse ' "$(help_words) $(cmds)"
expect help_console 'jailhouse console -' "$(help_words console | sed 's/^/--help /')"
expect help_cell_commands 'jailhouse cell ' "--help $(cmds cell)"
expect help_cell_linux 'jailhouse cell linux -' "$(help_words cell linux)"

# no sysfs (driver not loaded): no names, no error
JAILHOUSE_SYSFS=$tmp/none expect no_driver 'jailhouse cell start ' '--name'

if make -s -C "$top/tools" install-doc DESTDIR="$tmp/dest" >/dev/null 2>&1 &&
   cmp -s "$top/tools/completion/jailhouse" \
	"$tmp/dest/usr/share/bash-completion/completions/jailhouse"; then
	echo "ok tools/completion_installed"
else
	echo "not ok tools/completion_installed # not in usr/share/bash-completion/completions"
	fail=1
fi
exit "$fail"
