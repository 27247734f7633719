#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Install every Debian package listed in deps/debian-packages.txt that is not
# already installed. Quiet when everything is present; uses sudo when not root.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
list="$here/deps/debian-packages.txt"

# What an installed package provides counts as installed: NodeSource's
# nodejs provides npm, and asking for Debian's npm beside it would conflict.
provided=" $(dpkg-query -W -f='${db:Status-Abbrev} ${Provides}\n' 2>/dev/null |
  sed -n 's/^ii *//p' | sed 's/ *([^)]*)//g' | tr ',\n' '  ') "

missing=()
while read -r pkg; do
  pkg=${pkg%%#*}; pkg=${pkg//[[:space:]]/}
  [ -n "$pkg" ] || continue
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || [[ "$provided" == *" $pkg "* ]] || missing+=("$pkg")
done < "$list"

[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
