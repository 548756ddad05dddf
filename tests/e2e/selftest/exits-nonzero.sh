# SPDX-License-Identifier: MIT
echo "about to fail on purpose"
exit 3
