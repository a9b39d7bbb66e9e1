#!/usr/bin/env bash
# Installs what the registry-digest tests, the testkit helpers and bench/digest.mjs need:
# the Debian distribution registry (docker-registry), a Docker daemon (docker.io, with containerd
# and runc), skopeo (the peer check and benchmark baseline), htpasswd (bcrypt for Basic auth) and
# openssl (the test token server's self-signed certificate).
# Idempotent and quick once installed. Never leaves a system dockerd running: the tests start
# their own daemon on a private socket.
set -euo pipefail

need=()
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v skopeo >/dev/null 2>&1 || need+=(skopeo)
command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)
command -v openssl >/dev/null 2>&1 || need+=(openssl)

if [ "${#need[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-registry: need root to install ${need[*]}" >&2
  exit 1
fi

# Without systemd, the packages' maintainer scripts start services through invoke-rc.d; a
# policy-rc.d that answers 101 ("action forbidden") keeps dockerd and docker-registry stopped.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  made_policy=1
fi
cleanup() { if [ "$made_policy" -eq 1 ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y --no-install-recommends "${need[@]}"
fi
