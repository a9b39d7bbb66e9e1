#!/bin/sh
# Test systems for @alpinize/entrypoint (runs as root, idempotent, quick when cached):
#   - a static busybox built against musl with Alpine's user/group options, from Debian's
#     busybox source; the tests put it in a chroot with Alpine's own /etc/group and /etc/passwd;
#   - a `debootstrap --variant=minbase bookworm` root with gosu, for Debian's shadow tools.
# Everything lands under $ALPINIZE_TEST_CACHE (default /var/cache/alpinize-test), keyed by version.
set -eu

CACHE=${ALPINIZE_TEST_CACHE:-/var/cache/alpinize-test}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
ALPINE_CONFIG=${ALPINE_BUSYBOX_CONFIG:-$REPO/../shared/corpus/alpine-rootfs/busyboxconfig-1.37.0}
SUITE=bookworm

log() { printf 'install-busybox: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (it installs Debian packages and runs debootstrap)"
  exit 1
fi

need_pkgs=""
for p in musl-tools debootstrap dpkg-dev build-essential gosu shellcheck; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_pkgs="$need_pkgs $p"
done

# The Debian mirror the machine's apt already uses (deb822 or one-line format).
mirror=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
if [ -z "$mirror" ]; then
  mirror=$(grep -hE '^deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '{for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' | grep -v security | head -n1 || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}

has_src=no
if grep -rqsE '^[[:space:]]*deb-src[[:space:]]|^Types:.*deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  has_src=yes
fi
updated=no
if [ "$has_src" = no ]; then
  log "adding a deb-src entry for $SUITE main ($mirror)"
  cat >/etc/apt/sources.list.d/alpinize-deb-src.sources <<EOF
Types: deb-src
URIs: $mirror
Suites: $SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
fi

if [ -n "$need_pkgs" ] || [ "$has_src" = no ]; then
  apt-get update -qq
  updated=yes
fi
if [ -n "$need_pkgs" ]; then
  log "installing$need_pkgs"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need_pkgs >/dev/null
fi

mkdir -p "$CACHE"

# ---------------------------------------------------------------- busybox (musl, static)
bb_version=$(apt-cache showsrc busybox 2>/dev/null | awk '/^Version:/ {print $2; exit}')
if [ -z "$bb_version" ] && [ "$updated" = no ]; then
  apt-get update -qq
  bb_version=$(apt-cache showsrc busybox 2>/dev/null | awk '/^Version:/ {print $2; exit}')
fi
if [ -z "$bb_version" ]; then
  log "apt knows no busybox source package; check the deb-src entry in /etc/apt/sources.list.d"
  exit 1
fi
bb_key=$(printf %s "$bb_version" | sed "s/^[0-9]*://") # make cannot handle ":" in paths
BB_OUT="$CACHE/busybox-musl-$bb_key"
if [ -x "$BB_OUT/busybox" ]; then
  log "busybox $bb_version (musl) cached at $BB_OUT/busybox"
elif [ ! -f "$ALPINE_CONFIG" ]; then
  # The tests that need it skip with a message saying so; the Debian root is still prepared.
  log "skipping the busybox build: Alpine's config not found at $ALPINE_CONFIG (set ALPINE_BUSYBOX_CONFIG)"
else
  work="$CACHE/build-busybox-$bb_key"
  rm -rf "$work"
  mkdir -p "$work"
  log "fetching Debian's busybox $bb_version source"
  (cd "$work" && apt-get source -qq --download-only busybox >/dev/null &&
    dpkg-source --no-check -x ./*.dsc src >/dev/null)
  src="$work/src"

  # musl-gcc searches only musl's headers; busybox also needs the kernel's uapi headers.
  kinc="$work/kernel-include"
  mkdir -p "$kinc"
  for d in linux asm-generic mtd scsi; do
    [ -d "/usr/include/$d" ] && ln -sfn "/usr/include/$d" "$kinc/$d"
  done
  ln -sfn "/usr/include/$(gcc -print-multiarch)/asm" "$kinc/asm"

  cp "$ALPINE_CONFIG" "$src/.config"
  # Options that matter for the shims are forced; build-only options are made to fit here.
  set_opt() { # NAME VALUE ("n" removes it)
    sed -i -e "/^CONFIG_$1=/d" -e "/^# CONFIG_$1 is not set/d" "$src/.config"
    if [ "$2" = n ]; then
      echo "# CONFIG_$1 is not set" >>"$src/.config"
    else
      echo "CONFIG_$1=$2" >>"$src/.config"
    fi
  }
  set_opt USE_BB_PWD_GRP n
  set_opt USE_BB_SHADOW n
  set_opt USE_BB_CRYPT y
  set_opt FEATURE_CHECK_NAMES y
  set_opt LAST_ID 2147483647
  set_opt FIRST_SYSTEM_ID 100
  set_opt LAST_SYSTEM_ID 999
  set_opt STATIC y
  set_opt PIE n
  set_opt SELINUX n
  set_opt PAM n
  set_opt FEATURE_SYSTEMD n
  set_opt EXTRA_CFLAGS '""'
  set_opt EXTRA_LDFLAGS '""'
  set_opt EXTRA_LDLIBS '""'
  set_opt CROSS_COMPILER_PREFIX '""'
  set_opt SYSROOT '""'
  # Applets that do not build against musl 1.2 with Debian's 1.35 source; none touch users.
  for a in TC FEATURE_TC_INGRESS NSENTER FEATURE_HWIB FEATURE_MOUNT_NFS FEATURE_INETD_RPC \
    FEATURE_UTMP FEATURE_WTMP; do
    set_opt "$a" n
  done
  log "configuring (Alpine's options mapped onto $bb_version with oldconfig defaults)"
  (cd "$src" && yes "" | make CC=musl-gcc oldconfig >/dev/null 2>&1)
  for want in '# CONFIG_USE_BB_PWD_GRP is not set' '# CONFIG_USE_BB_SHADOW is not set' \
    'CONFIG_FEATURE_CHECK_NAMES=y' 'CONFIG_LAST_ID=2147483647' 'CONFIG_STATIC=y'; do
    grep -qxF "$want" "$src/.config" || {
      log "config check failed: '$want' missing after oldconfig"
      exit 1
    }
  done
  log "building (make -j$(nproc))"
  if ! (cd "$src" && make -j"$(nproc)" CC=musl-gcc HOSTCC=gcc \
    EXTRA_CFLAGS="-idirafter $kinc" busybox >"$work/build.log" 2>&1); then
    tail -n 40 "$work/build.log" >&2
    log "busybox build failed (full log: $work/build.log)"
    exit 1
  fi
  mkdir -p "$BB_OUT"
  cp "$src/busybox" "$BB_OUT/busybox.tmp"
  cp "$src/.config" "$BB_OUT/config"
  mv "$BB_OUT/busybox.tmp" "$BB_OUT/busybox"
  rm -rf "$work"
  log "built $BB_OUT/busybox"
fi
[ -x "$BB_OUT/busybox" ] && ln -sfn "busybox-musl-$bb_key" "$CACHE/busybox-musl"

# ---------------------------------------------------------------- Debian minbase root
DEB_OUT="$CACHE/debian-$SUITE-minbase"
if [ -f "$DEB_OUT/.complete" ]; then
  log "Debian $SUITE minbase root cached at $DEB_OUT"
else
  rm -rf "$DEB_OUT"
  log "debootstrap --variant=minbase $SUITE from $mirror"
  if ! debootstrap --variant=minbase --include=gosu "$SUITE" "$DEB_OUT" "$mirror" >"$CACHE/debootstrap.log" 2>&1; then
    tail -n 30 "$CACHE/debootstrap.log" >&2
    log "debootstrap failed (log: $CACHE/debootstrap.log)"
    exit 1
  fi
  rm -rf "$DEB_OUT/var/cache/apt/archives/"*.deb "$DEB_OUT/var/lib/apt/lists/"*_Packages
  touch "$DEB_OUT/.complete"
  log "Debian root ready at $DEB_OUT"
fi
