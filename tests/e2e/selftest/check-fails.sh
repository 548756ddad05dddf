# SPDX-License-Identifier: MIT
echo "this line is not what the check wants"
