#!/usr/bin/env bash
# Runs a command with Debian 13's cfssl 1.6.5, etcd 3.5, shellcheck 0.10, containerd 1.7 and kubectl first on PATH, on a Debian 12 machine,
# so both CI targets can be checked from one machine:
#   tools/with-debian13-tools.sh env CI=true npx vitest run --project interop
# The packages come from Debian's archive into a private directory (no system change: separate apt lists,
# `apt-get download` and `dpkg-deb -x`). The binaries run on Debian 12 (checked: cfssl links libc and libsqlite3).
set -euo pipefail
dir="${KUBEPREP_DEBIAN13_DIR:-/tmp/kubeprep-debian13}"
if [ ! -x "$dir/root/usr/bin/cfssl" ] || [ ! -x "$dir/root/usr/bin/containerd" ]; then
  mkdir -p "$dir/lists/partial" "$dir/debs" "$dir/root"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" > "$dir/sources.list"
  apt_opts=(-o "Dir::Etc::SourceList=$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$dir/lists")
  apt-get "${apt_opts[@]}" update -qq
  kubectl_version=$(apt-cache "${apt_opts[@]}" madison kubectl | awk '/trixie/ {print $3; exit}')
  (cd "$dir/debs" && apt-get "${apt_opts[@]}" download golang-cfssl etcd-server etcd-client shellcheck containerd "kubectl=$kubectl_version" 2>/dev/null)
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
fi
export PATH="$dir/root/usr/bin:$PATH"
"$@"
