#!/usr/bin/env bash
# Fetches Debian's containerd package of one suite (trixie = Debian 13's 1.7, sid = 2.x) into a private
# directory and prints the path of its containerd binary, without changing the system (separate apt
# lists, `apt-get download`, `dpkg-deb -x`), like tools/with-debian13-tools.sh. The node-script tests
# feed the generated config.toml to every containerd they are given (KUBEPREP_CONTAINERDS, colon-
# separated), so a config version 3 is checked by a real containerd 2.x:
#   export KUBEPREP_CONTAINERDS="$(tools/debian-containerd.sh sid)"
set -euo pipefail
suite="${1:?usage: tools/debian-containerd.sh <suite: trixie | sid | ...>}"
dir="${KUBEPREP_CONTAINERD_DIR:-/tmp/kubeprep-containerd}/$suite"
if [ ! -x "$dir/root/usr/bin/containerd" ]; then
  mkdir -p "$dir/lists/partial" "$dir/debs" "$dir/root"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" >"$dir/sources.list"
  apt_opts=(-o "Dir::Etc::SourceList=$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$dir/lists")
  apt-get "${apt_opts[@]}" update -qq >&2
  (cd "$dir/debs" && apt-get "${apt_opts[@]}" download containerd >&2)
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
fi
printf '%s\n' "$dir/root/usr/bin/containerd"
