# SPDX-License-Identifier: MIT
# e2e-timeout: 15
echo "about to hang on purpose"
while true; do sleep 1; done
