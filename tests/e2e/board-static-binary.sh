# SPDX-License-Identifier: MIT
# A static arm64 binary built by the project runs in the root cell; its
# output is compared on the host with the same program built natively.
set -e
/usr/libexec/jailhouse-tests/patternsum 262144 42
/usr/libexec/jailhouse-tests/patternsum 1000 7
