#!/usr/bin/env bash
# Runs a command with Debian 13's cfssl 1.6.5, etcd 3.5, shellcheck 0.10, containerd 1.7, OpenSSL 3.5 and kubectl first on PATH, on a Debian 12 machine,
# so both CI targets can be checked from one machine:
#   tools/with-debian13-tools.sh env CI=true npx vitest run --project interop
# The packages come from Debian's archive into a private directory (no system change: separate apt lists,
# `apt-get download` and `dpkg-deb -x`). The binaries run on Debian 12 (checked: cfssl links libc and libsqlite3).
set -euo pipefail
dir="${KUBEPREP_DEBIAN13_DIR:-/tmp/kubeprep-debian13}"
if [ ! -x "$dir/root/usr/bin/cfssl" ] || [ ! -x "$dir/root/usr/bin/containerd" ] || [ ! -x "$dir/root/usr/bin/openssl" ]; then
  mkdir -p "$dir/lists/partial" "$dir/debs" "$dir/root"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" > "$dir/sources.list"
  apt_opts=(-o "Dir::Etc::SourceList=$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$dir/lists")
  apt-get "${apt_opts[@]}" update -qq
  kubectl_version=$(apt-cache "${apt_opts[@]}" madison kubectl | awk '/trixie/ {print $3; exit}')
  (cd "$dir/debs" && apt-get "${apt_opts[@]}" download golang-cfssl etcd-server etcd-client shellcheck containerd openssl libssl3t64 libc6 libzstd1 zlib1g "kubectl=$kubectl_version" 2>/dev/null)
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
fi
# OpenSSL 3.5 needs Debian 13's glibc: run it through Debian 13's own loader and libraries, so nothing
# else on the machine sees them.
mkdir -p "$dir/bin"
cat > "$dir/bin/openssl" <<WRAPPER
#!/bin/sh
exec "$dir/root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" --library-path "$dir/root/usr/lib/x86_64-linux-gnu" "$dir/root/usr/bin/openssl" "\$@"
WRAPPER
chmod +x "$dir/bin/openssl"
export PATH="$dir/bin:$dir/root/usr/bin:$PATH"
"$@"
