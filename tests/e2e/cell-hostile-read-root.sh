# SPDX-License-Identifier: MIT
# e2e-accel: multi
# Isolation: an inmate that reads root cell RAM (0x40000000) is stopped
# by the hypervisor (cell state "failed"); the root cell and the hypervisor
# carry on, and the cell can be destroyed.
set -e
. /e2e/lib.sh
hostile_is_parked "mode=read-root"
