# SPDX-License-Identifier: MIT
# The result contract of every test runner (tests/lib/README.md), for
# scripts that print their own results. Source it; each function prints
# one line:
#   result_ok NAME            ok NAME
#   result_fail NAME REASON   not ok NAME (REASON)
#   result_skip NAME REASON   ok NAME # SKIP REASON
# and result_detail prints its input as "#   " lines (never a result).
# RESULT_FAILED counts the failures printed.
RESULT_FAILED=0

result_ok() {
	echo "ok $1"
}

result_fail() {
	echo "not ok $1${2:+ ($2)}"
	RESULT_FAILED=$((RESULT_FAILED + 1))
}

result_skip() {
	echo "ok $1 # SKIP ${2:-no reason given}"
}

result_detail() {
	sed 's/^/#   /'
}
