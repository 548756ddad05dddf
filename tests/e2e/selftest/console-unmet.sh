# SPDX-License-Identifier: MIT
# The root side succeeds; the typed console's expectation is never met.
sleep 8
exit 0
