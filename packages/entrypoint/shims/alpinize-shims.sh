# alpinize shims: users and groups that behave the same on Debian (shadow) and Alpine (busybox).
# POSIX sh (busybox ash, dash, bash). Source it, then call the alpinize_* functions.
# Exit codes of every function:
#   0 done, or nothing to do      1 a tool failed, or nothing found
#   2 bad argument (also: unknown user or group)
#   3 name exists with another ID 4 ID held by another name   5 not root, or unsupported
# Messages go to stderr; results (names, GIDs, changed/unchanged) to stdout.
# Never relies on `set -e`; safe to source and call under `set -eu`; every call is idempotent.
# Environment: ALPINIZE_BACKEND=shadow|busybox|files forces a backend;
# ALPINIZE_NO_GETENT=1 reads /etc files even when getent exists.

# shellcheck disable=SC2034 # read by callers that check what they sourced
ALPINIZE_SHIMS_VERSION=2

_alpinize_say() { printf 'alpinize: %s\n' "$*" >&2; }

_alpinize_letters=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ

# Decimal ID in 0..4294967294, no sign, no leading zero.
_alpinize_id_ok() {
  case ${1-} in
  '' | *[!0123456789]*) return 1 ;;
  0) return 0 ;;
  0*) return 1 ;;
  esac
  [ ${#1} -le 10 ] || return 1
  awk -v n="$1" 'BEGIN { exit !(n + 0 <= 4294967294) }'
}

# A user or group name every backend accepts alike: a letter or "_" first, then letters, digits,
# "_", "." and "-", an optional final "$", at most 32 characters.
_alpinize_name_ok() {
  _alpinize_nm=${1-}
  [ ${#_alpinize_nm} -ge 1 ] && [ ${#_alpinize_nm} -le 32 ] || return 1
  _alpinize_nm=${_alpinize_nm%\$}
  case $_alpinize_nm in
  '' | [!_$_alpinize_letters]*) return 1 ;;
  *[!_.0123456789$_alpinize_letters-]*) return 1 ;;
  esac
  return 0
}

_alpinize_need_name() { # WHAT VALUE
  _alpinize_name_ok "${2-}" && return 0
  _alpinize_say "invalid $1 name '${2-}': use a letter or '_' first, then letters, digits, '_', '.', '-' (at most 32)"
  return 2
}

_alpinize_need_id() { # WHAT VALUE
  _alpinize_id_ok "${2-}" && return 0
  _alpinize_say "invalid $1 '${2-}': expected a decimal number from 0 to 4294967294"
  return 2
}

_alpinize_is_root() { [ "$(id -u 2>/dev/null)" = 0 ]; }

_alpinize_has_getent() {
  [ -z "${ALPINIZE_NO_GETENT-}" ] && command -v getent >/dev/null 2>&1
}

# Print the entry of DB (group|passwd) whose name (or, for an all-digit KEY, ID) is KEY.
# getent when present (it sees NSS sources too), else /etc/DB without blank, "#" or short lines.
_alpinize_entry() { # DB KEY
  if _alpinize_has_getent; then
    getent "$1" "$2" 2>/dev/null | head -n 1 | grep . && return 0
    return 1
  fi
  [ -r "/etc/$1" ] || return 1
  awk -F: -v k="$2" '
    /^[ \t]*$/ || /^#/ || NF < 4 { next }
    { f = (k ~ /^[0-9]+$/) ? $3 : $1 }
    f "" == k "" { print; found = 1; exit }
    END { exit !found }' "/etc/$1"
}

_alpinize_field() { # LINE N
  printf '%s\n' "$1" | cut -d: -f"$2"
}

# The help text is captured first: `cmd --help | grep -q` fails under `set -o pipefail`,
# because the usage text exits non-zero.
_alpinize_help_has() { # CMD WORD
  _alpinize_help=$("$1" --help 2>&1) || :
  case $_alpinize_help in
  *"$2"*) return 0 ;;
  esac
  return 1
}

_alpinize_backend() {
  if [ -n "${ALPINIZE_BACKEND-}" ]; then
    printf '%s\n' "$ALPINIZE_BACKEND"
  elif command -v groupadd >/dev/null 2>&1 && command -v useradd >/dev/null 2>&1 &&
    command -v usermod >/dev/null 2>&1; then
    echo shadow
  elif command -v addgroup >/dev/null 2>&1 && _alpinize_help_has addgroup BusyBox; then
    echo busybox
  else
    echo files
  fi
}

# Writes FILE.alpinize.$$ from `awk -v g=.. -v u=.. PROG FILE`, keeping FILE's mode and owner.
_alpinize_prepare() { # FILE GROUP USER PROG
  cp -p "$1" "$1.alpinize.$$" 2>/dev/null &&
    awk -v g="$2" -v u="$3" "$4" "$1" >"$1.alpinize.$$" && return 0
  rm -f "$1.alpinize.$$"
  _alpinize_say "could not write a new $1 next to it"
  return 1
}

# Replaces FILE (and FILE2 when it exists, e.g. /etc/group with /etc/gshadow) with its PROG's
# output, all or nothing: both new files are written next to the old ones first, then renamed
# over them, so readers never see half a file; when the second rename fails, the first file is
# put back from a copy. G and U reach both programs as the awk variables g and u.
_alpinize_rewrite() { # G U FILE PROG [FILE2 PROG2]
  _alpinize_w1=$3 _alpinize_w2=${5-}
  if [ -n "$_alpinize_w2" ] && [ ! -f "$_alpinize_w2" ]; then _alpinize_w2=; fi
  _alpinize_prepare "$_alpinize_w1" "$1" "$2" "$4" || return 1
  if [ -n "$_alpinize_w2" ]; then
    if ! _alpinize_prepare "$_alpinize_w2" "$1" "$2" "$6" ||
      ! cp -p "$_alpinize_w1" "$_alpinize_w1.alpinize-old.$$" 2>/dev/null; then
      rm -f "$_alpinize_w1.alpinize.$$" "$_alpinize_w2.alpinize.$$" "$_alpinize_w1.alpinize-old.$$"
      _alpinize_say "left $_alpinize_w1 and $_alpinize_w2 as they were"
      return 1
    fi
  fi
  if ! mv -f "$_alpinize_w1.alpinize.$$" "$_alpinize_w1" 2>/dev/null; then
    rm -f "$_alpinize_w1.alpinize.$$" "$_alpinize_w1.alpinize-old.$$"
    [ -z "$_alpinize_w2" ] || rm -f "$_alpinize_w2.alpinize.$$"
    _alpinize_say "could not replace $_alpinize_w1 (read-only?); nothing was changed"
    return 1
  fi
  [ -n "$_alpinize_w2" ] || return 0
  if mv -f "$_alpinize_w2.alpinize.$$" "$_alpinize_w2" 2>/dev/null; then
    rm -f "$_alpinize_w1.alpinize-old.$$"
    return 0
  fi
  rm -f "$_alpinize_w2.alpinize.$$"
  if mv -f "$_alpinize_w1.alpinize-old.$$" "$_alpinize_w1"; then
    _alpinize_say "could not replace $_alpinize_w2 (read-only?); $_alpinize_w1 was put back as it was"
  else
    _alpinize_say "could not replace $_alpinize_w2, nor put $_alpinize_w1 back: its old content is in $_alpinize_w1.alpinize-old.$$"
  fi
  return 1
}

# Appends g to FILE, and u to FILE2.
# shellcheck disable=SC2016 # awk programs, not shell
_alpinize_append_g='{ print } END { print g }'
# shellcheck disable=SC2016
_alpinize_append_u='{ print } END { print u }'

# Adds u to the member list of g (field 4 of /etc/group and /etc/gshadow), dropping empty members.
# shellcheck disable=SC2016 # awk program, not shell
_alpinize_member_prog='
BEGIN { FS = OFS = ":" }
!/^#/ && NF >= 4 && $1 == g {
  n = split($4, m, ","); out = ""; seen = 0
  for (i = 1; i <= n; i++) {
    if (m[i] == "") continue
    if (m[i] == u) seen = 1
    out = out (out == "" ? "" : ",") m[i]
  }
  if (!seen) out = out (out == "" ? "" : ",") u
  $4 = out; done = 1
}
{ print }'
# gshadow may lack the entry (shadow's gpasswd adds one too).
_alpinize_gshadow_prog="$_alpinize_member_prog"'
END { if (!done) print g, "!", "", u }'

alpinize_group_name_for_gid() { # GID
  _alpinize_need_id GID "${1-}" || return 2
  _alpinize_e=$(_alpinize_entry group "$1") || return 1
  _alpinize_field "$_alpinize_e" 1
}

# Like `getent group|passwd KEY`, also where getent is missing: prints the entry. Returns getent's
# own codes so it can replace it in place: 0 found, 1 bad arguments, 2 not found.
alpinize_getent() { # group|passwd KEY
  case ${1-} in
  group | passwd) ;;
  *)
    _alpinize_say "alpinize_getent: database '${1-}' is not supported (use group or passwd)"
    return 1
    ;;
  esac
  if [ $# -ne 2 ] || [ -z "$2" ]; then
    _alpinize_say "usage: alpinize_getent group|passwd KEY"
    return 1
  fi
  _alpinize_entry "$1" "$2" && return 0
  return 2
}

alpinize_user_name_for_uid() { # UID
  _alpinize_need_id UID "${1-}" || return 2
  _alpinize_e=$(_alpinize_entry passwd "$1") || return 1
  _alpinize_field "$_alpinize_e" 1
}

_alpinize_group_gid() { # NAME
  _alpinize_e=$(_alpinize_entry group "$1") || return 1
  _alpinize_field "$_alpinize_e" 3
}

_alpinize_files_group() { # NAME GID
  _alpinize_rewrite "$1:x:$2:" "$1:!::" /etc/group "$_alpinize_append_g" \
    /etc/gshadow "$_alpinize_append_u"
}

# Runs a busybox applet. 0 when it worked, or when it refused an ID that a direct edit of the
# files can write: one above its LAST_ID, or one musl sees on a "#" line (the callers checked the
# ID is free), with the reason in _alpinize_bb_refused. 1 on any other failure (read-only /etc,
# …), after printing the applet's own message.
_alpinize_busybox() { # APPLET ARG...
  _alpinize_bb_refused=
  if _alpinize_bb_err=$("$@" 2>&1); then
    [ -z "$_alpinize_bb_err" ] || printf '%s\n' "$_alpinize_bb_err" >&2
    return 0
  fi
  case $_alpinize_bb_err in
  *" is not in "*" range"* | *"id '"*"' in use"*)
    _alpinize_bb_refused=${_alpinize_bb_err#*: }
    return 0
    ;;
  esac
  printf '%s\n' "$_alpinize_bb_err" >&2
  _alpinize_say "busybox $1 failed; nothing was written directly"
  return 1
}

_alpinize_create_group() { # NAME GID
  case $(_alpinize_backend) in
  shadow) groupadd -g "$2" "$1" >&2 || return 1 ;;
  busybox)
    _alpinize_busybox addgroup -g "$2" "$1" || return 1
    [ -n "$_alpinize_bb_refused" ] || return 0
    _alpinize_say "busybox addgroup refused '$1' (GID $2: $_alpinize_bb_refused); writing /etc/group directly"
    _alpinize_files_group "$1" "$2" || return 1
    ;;
  files) _alpinize_files_group "$1" "$2" || return 1 ;;
  *)
    _alpinize_say "unknown ALPINIZE_BACKEND '$ALPINIZE_BACKEND' (use shadow, busybox or files)"
    return 5
    ;;
  esac
}

# Prints the group that holds GID afterwards: an existing holder is reused; NAME is created when
# free; when NAME is taken with another GID, NAME<GID> (or NAME_<GID>) is created instead.
# Options: --strict (3 when NAME has another GID, 4 when GID has another name),
# --allow-root-gid (GID 0 is refused otherwise).
alpinize_ensure_group() { # NAME GID [--strict] [--allow-root-gid]
  _alpinize_need_name group "${1-}" || return 2
  _alpinize_need_id GID "${2-}" || return 2
  _alpinize_g_name=$1 _alpinize_g_id=$2 _alpinize_g_strict=no _alpinize_g_root=no
  shift 2
  for _alpinize_opt in "$@"; do
    case $_alpinize_opt in
    --strict) _alpinize_g_strict=yes ;;
    --allow-root-gid) _alpinize_g_root=yes ;;
    *)
      _alpinize_say "alpinize_ensure_group: unknown option '$_alpinize_opt'"
      return 2
      ;;
    esac
  done
  if [ "$_alpinize_g_id" = 0 ] && [ "$_alpinize_g_root" = no ]; then
    _alpinize_say "refusing GID 0 (root's group) for '$_alpinize_g_name'; pass --allow-root-gid if meant"
    return 2
  fi
  if _alpinize_g_holder=$(alpinize_group_name_for_gid "$_alpinize_g_id"); then
    if [ "$_alpinize_g_holder" != "$_alpinize_g_name" ] && [ "$_alpinize_g_strict" = yes ]; then
      _alpinize_say "GID $_alpinize_g_id is held by group '$_alpinize_g_holder', not '$_alpinize_g_name'"
      return 4
    fi
    printf '%s\n' "$_alpinize_g_holder"
    return 0
  fi
  _alpinize_g_want=$_alpinize_g_name
  if _alpinize_g_other=$(_alpinize_group_gid "$_alpinize_g_name"); then
    if [ "$_alpinize_g_strict" = yes ]; then
      _alpinize_say "group '$_alpinize_g_name' exists with GID $_alpinize_g_other, not $_alpinize_g_id"
      return 3
    fi
    _alpinize_g_want=
    for _alpinize_c in "$_alpinize_g_name$_alpinize_g_id" "${_alpinize_g_name}_$_alpinize_g_id"; do
      if _alpinize_name_ok "$_alpinize_c" && ! _alpinize_group_gid "$_alpinize_c" >/dev/null; then
        _alpinize_g_want=$_alpinize_c
        break
      fi
    done
    if [ -z "$_alpinize_g_want" ]; then
      _alpinize_say "group '$_alpinize_g_name' has GID $_alpinize_g_other and no free name is left for GID $_alpinize_g_id"
      return 3
    fi
    _alpinize_say "group '$_alpinize_g_name' has GID $_alpinize_g_other; creating '$_alpinize_g_want' for GID $_alpinize_g_id"
  fi
  if ! _alpinize_is_root; then
    _alpinize_say "creating group '$_alpinize_g_want' (GID $_alpinize_g_id) needs root"
    return 5
  fi
  _alpinize_create_group "$_alpinize_g_want" "$_alpinize_g_id" || return $?
  if [ "$(alpinize_group_name_for_gid "$_alpinize_g_id")" != "$_alpinize_g_want" ]; then
    _alpinize_say "group '$_alpinize_g_want' with GID $_alpinize_g_id is missing after creating it"
    return 1
  fi
  printf '%s\n' "$_alpinize_g_want"
}

# GROUP is a name or a GID; prints the group's name.
_alpinize_resolve_group() { # GROUP
  if _alpinize_id_ok "${1-}"; then
    alpinize_group_name_for_gid "$1" && return 0
    _alpinize_say "no group has GID $1"
    return 2
  fi
  _alpinize_need_name group "${1-}" || return 2
  if _alpinize_group_gid "$1" >/dev/null; then
    printf '%s\n' "$1"
    return 0
  fi
  _alpinize_say "group '$1' does not exist; create it first with alpinize_ensure_group"
  return 2
}

_alpinize_path_ok() { # WHAT VALUE
  case ${2-} in
  /*) ;;
  *)
    _alpinize_say "invalid $1 '${2-}': expected an absolute path"
    return 2
    ;;
  esac
  case $2 in
  *:* | *'
'*)
    _alpinize_say "invalid $1 '$2': ':' and newlines are not allowed"
    return 2
    ;;
  esac
}

_alpinize_files_user() { # NAME UID GROUP HOME SHELL
  _alpinize_u_gid=$(_alpinize_group_gid "$3") || return 1
  _alpinize_rewrite "$1:x:$2:$_alpinize_u_gid::$4:$5" "$1:!:::::::" \
    /etc/passwd "$_alpinize_append_g" /etc/shadow "$_alpinize_append_u"
}

_alpinize_create_user() { # NAME UID GROUP HOME SHELL
  case $(_alpinize_backend) in
  shadow) useradd -M -N -u "$2" -g "$3" -d "$4" -s "$5" "$1" >&2 || return 1 ;;
  busybox)
    _alpinize_busybox adduser -D -H -u "$2" -G "$3" -h "$4" -s "$5" "$1" || return 1
    [ -n "$_alpinize_bb_refused" ] || return 0
    # A user it did write is not written twice.
    _alpinize_entry passwd "$1" >/dev/null && return 1
    _alpinize_say "busybox adduser refused '$1' (UID $2: $_alpinize_bb_refused); writing /etc/passwd directly"
    _alpinize_files_user "$@" || return 1
    ;;
  files) _alpinize_files_user "$@" || return 1 ;;
  *)
    _alpinize_say "unknown ALPINIZE_BACKEND '$ALPINIZE_BACKEND' (use shadow, busybox or files)"
    return 5
    ;;
  esac
}

# No password, no home directory created, the shell always explicit. GROUP (name or GID) must exist.
alpinize_ensure_user() { # NAME UID GROUP HOME SHELL
  if [ $# -ne 5 ]; then
    _alpinize_say "usage: alpinize_ensure_user NAME UID GROUP HOME SHELL"
    return 2
  fi
  _alpinize_need_name user "$1" || return 2
  _alpinize_need_id UID "$2" || return 2
  _alpinize_path_ok home "$4" || return 2
  _alpinize_path_ok shell "$5" || return 2
  _alpinize_u_group=$(_alpinize_resolve_group "$3") || return 2
  if _alpinize_u_line=$(_alpinize_entry passwd "$1"); then
    _alpinize_u_have=$(_alpinize_field "$_alpinize_u_line" 3)
    [ "$_alpinize_u_have" = "$2" ] && return 0
    _alpinize_say "user '$1' exists with UID $_alpinize_u_have, not $2"
    return 3
  fi
  if _alpinize_u_other=$(alpinize_user_name_for_uid "$2"); then
    _alpinize_say "UID $2 is held by user '$_alpinize_u_other'"
    return 4
  fi
  if ! _alpinize_is_root; then
    _alpinize_say "creating user '$1' needs root"
    return 5
  fi
  _alpinize_create_user "$1" "$2" "$_alpinize_u_group" "$4" "$5" || return $?
  if [ "$(alpinize_user_name_for_uid "$2")" != "$1" ]; then
    _alpinize_say "user '$1' with UID $2 is missing after creating it"
    return 1
  fi
}

# 0 when USER is a member of GROUP (name or GID) in the files, as its primary group or listed.
alpinize_user_in_group() { # USER GROUP
  _alpinize_need_name user "${1-}" || return 2
  _alpinize_m_group=$(_alpinize_resolve_group "${2-}") || return 2
  if ! _alpinize_m_user=$(_alpinize_entry passwd "$1"); then
    _alpinize_say "user '$1' does not exist"
    return 2
  fi
  _alpinize_m_gline=$(_alpinize_entry group "$_alpinize_m_group") || return 1
  [ "$(_alpinize_field "$_alpinize_m_user" 4)" = "$(_alpinize_field "$_alpinize_m_gline" 3)" ] && return 0
  case ,$(_alpinize_field "$_alpinize_m_gline" 4), in
  *",$1,"*) return 0 ;;
  esac
  return 1
}

# Prints `changed` or `unchanged`. GROUP_OR_GID is resolved to the group's name first; a
# comma-separated list (as `usermod -aG` takes, often from a variable) adds each member.
# GID 0 is refused (2) unless --allow-root-gid: a root-owned socket must not make the user root's.
alpinize_add_user_to_group() { # USER GROUP_OR_GID[,GROUP_OR_GID...] [--allow-root-gid]
  _alpinize_need_name user "${1-}" || return 2
  case ${2-} in *,*)
    _alpinize_add_list "$@"
    return
    ;;
  esac
  case ${3-} in
  '' | --allow-root-gid) ;;
  *)
    _alpinize_say "alpinize_add_user_to_group: unknown option '$3'"
    return 2
    ;;
  esac
  if [ "${2-}" = 0 ] && [ "${3-}" != --allow-root-gid ]; then
    _alpinize_say "refusing GID 0 (root's group) for '$1'; pass --allow-root-gid if meant"
    return 2
  fi
  _alpinize_a_group=$(_alpinize_resolve_group "${2-}") || return 2
  _alpinize_a_rc=0
  alpinize_user_in_group "$1" "$_alpinize_a_group" || _alpinize_a_rc=$?
  case $_alpinize_a_rc in
  0)
    echo unchanged
    return 0
    ;;
  1) ;;
  *) return "$_alpinize_a_rc" ;;
  esac
  if ! _alpinize_is_root; then
    _alpinize_say "adding '$1' to group '$_alpinize_a_group' needs root"
    return 5
  fi
  _alpinize_a_members=$(_alpinize_field "$(_alpinize_entry group "$_alpinize_a_group")" 4)
  _alpinize_a_backend=$(_alpinize_backend)
  # busybox appends after an empty member ("bob," becomes "bob,,x"): edit such lines directly.
  case ,$_alpinize_a_members, in
  *,,*) [ "$_alpinize_a_members" = "" ] || _alpinize_a_backend=files ;;
  esac
  case $_alpinize_a_backend in
  shadow) usermod -a -G "$_alpinize_a_group" "$1" >&2 || return 1 ;;
  busybox) addgroup "$1" "$_alpinize_a_group" >&2 || return 1 ;;
  files)
    _alpinize_rewrite "$_alpinize_a_group" "$1" /etc/group "$_alpinize_member_prog" \
      /etc/gshadow "$_alpinize_gshadow_prog" || return 1
    ;;
  *)
    _alpinize_say "unknown ALPINIZE_BACKEND '$ALPINIZE_BACKEND' (use shadow, busybox or files)"
    return 5
    ;;
  esac
  if ! alpinize_user_in_group "$1" "$_alpinize_a_group"; then
    _alpinize_say "'$1' is still not in group '$_alpinize_a_group' after adding it"
    return 1
  fi
  echo changed
}

# Like usermod -aG, a list with an empty or unknown member changes nothing (2): every member is
# resolved before the first is added. Prints `changed` when any member was added.
_alpinize_add_list() { # USER LIST [--allow-root-gid]
  _alpinize_l_rest=$2,
  while [ -n "$_alpinize_l_rest" ]; do
    _alpinize_l_one=${_alpinize_l_rest%%,*} _alpinize_l_rest=${_alpinize_l_rest#*,}
    if [ -z "$_alpinize_l_one" ]; then
      _alpinize_say "empty group name in the list '$2'"
      return 2
    fi
    if [ "$_alpinize_l_one" = 0 ] && [ "${3-}" != --allow-root-gid ]; then
      _alpinize_say "refusing GID 0 (root's group) for '$1'; pass --allow-root-gid if meant"
      return 2
    fi
    _alpinize_resolve_group "$_alpinize_l_one" >/dev/null || return 2
  done
  _alpinize_l_rest=$2, _alpinize_l_out=unchanged
  while [ -n "$_alpinize_l_rest" ]; do
    _alpinize_l_one=${_alpinize_l_rest%%,*} _alpinize_l_rest=${_alpinize_l_rest#*,}
    # A subshell keeps the member's variables from clobbering this loop's.
    _alpinize_l_r=$(alpinize_add_user_to_group "$1" "$_alpinize_l_one" ${3+"$3"}) || return
    [ "$_alpinize_l_r" = unchanged ] || _alpinize_l_out=changed
  done
  printf '%s\n' "$_alpinize_l_out"
}

# Prints the GID that owns the socket PATH; 1 when PATH is not a socket.
alpinize_socket_gid() { # PATH
  if [ ! -S "${1-}" ]; then
    _alpinize_say "'${1-}' is not a socket"
    return 1
  fi
  if command -v stat >/dev/null 2>&1; then
    stat -c %g "$1" && return 0
  fi
  # shellcheck disable=SC2012 # one known path; find -printf is not in busybox
  ls -lnd "$1" | awk '{ print $4 }'
}

_alpinize_x_part_ok() { _alpinize_id_ok "$1" || _alpinize_name_ok "$1"; }

# True when the caller already is USER[:GROUP] (by name or ID).
_alpinize_x_is_caller() {
  case $_alpinize_x_user in
  "$(id -un 2>/dev/null)" | "$(id -u)") ;;
  *) return 1 ;;
  esac
  case $_alpinize_x_group in
  '' | "$(id -gn 2>/dev/null)" | "$(id -g)") return 0 ;;
  esac
  return 1
}

# Reads USER[:GROUP] the way gosu and su-exec do, into _alpinize_x_uid, _alpinize_x_gid,
# _alpinize_x_home and _alpinize_x_groups (init: the user's groups from the files; clear: none).
# A USER (name, or a UID with a passwd entry) brings its primary GID, home and groups; a UID
# without an entry keeps the caller's GID (root's 0) and home "/"; a GROUP replaces the GID and
# clears the groups. A numeric part is always an ID, and a GID needs no entry.
_alpinize_x_resolve() {
  if _alpinize_x_line=$(_alpinize_entry passwd "$_alpinize_x_user"); then
    _alpinize_x_uid=$(_alpinize_field "$_alpinize_x_line" 3)
    _alpinize_x_gid=$(_alpinize_field "$_alpinize_x_line" 4)
    _alpinize_x_home=$(_alpinize_field "$_alpinize_x_line" 6)
    _alpinize_x_groups=init
  elif _alpinize_id_ok "$_alpinize_x_user"; then
    _alpinize_x_uid=$_alpinize_x_user _alpinize_x_gid=$(id -g) _alpinize_x_home=/
    _alpinize_x_groups=clear
  else
    _alpinize_say "user '$_alpinize_x_user' does not exist"
    return 2
  fi
  [ -n "$_alpinize_x_group" ] || return 0
  _alpinize_x_groups=clear
  if _alpinize_id_ok "$_alpinize_x_group"; then
    _alpinize_x_gid=$_alpinize_x_group
  elif _alpinize_x_line=$(_alpinize_entry group "$_alpinize_x_group"); then
    _alpinize_x_gid=$(_alpinize_field "$_alpinize_x_line" 3)
  else
    _alpinize_say "group '$_alpinize_x_group' does not exist"
    return 2
  fi
}

# Replaces the shell with CMD run as USER[:GROUP] (su-exec, gosu or util-linux setpriv), with
# gosu's and su-exec's forms: USER or UID (USER's primary and supplementary groups from the
# files), USER:GROUP or UID:GID (that group only). Runs CMD directly when the caller is not root.
alpinize_exec_as() { # USER[:GROUP] CMD...
  if [ $# -lt 2 ]; then
    _alpinize_say "usage: alpinize_exec_as USER[:GROUP] CMD [ARG...]"
    return 2
  fi
  _alpinize_x_user=${1%%:*} _alpinize_x_group=
  case $1 in *:*) _alpinize_x_group=${1#*:} ;; esac
  if ! _alpinize_x_part_ok "$_alpinize_x_user" ||
    { [ -n "$_alpinize_x_group" ] && ! _alpinize_x_part_ok "$_alpinize_x_group"; }; then
    _alpinize_say "invalid user '$1': expected USER, USER:GROUP, UID or UID:GID (a name has a letter or '_' first, then letters, digits, '_', '.', '-'; an ID is 0 to 4294967294)"
    return 2
  fi
  if ! _alpinize_is_root; then
    if ! _alpinize_x_is_caller; then
      _alpinize_x_me=$(id -un 2>/dev/null) || _alpinize_x_me=$(id -u)
      _alpinize_say "not root: running $2 as '$_alpinize_x_me', not '$1'"
    fi
    shift
    exec "$@"
  fi
  _alpinize_x_resolve || return 2
  # "app:" means "app" to both tools; passing it without the colon keeps that true for each.
  _alpinize_x_spec=$_alpinize_x_user${_alpinize_x_group:+:$_alpinize_x_group}
  shift
  if command -v su-exec >/dev/null 2>&1; then
    exec su-exec "$_alpinize_x_spec" "$@"
  elif command -v gosu >/dev/null 2>&1; then
    exec gosu "$_alpinize_x_spec" "$@"
  elif command -v setpriv >/dev/null 2>&1 && _alpinize_help_has setpriv --init-groups; then
    HOME=$_alpinize_x_home
    export HOME
    exec setpriv --reuid="$_alpinize_x_uid" --regid="$_alpinize_x_gid" \
      "--$_alpinize_x_groups-groups" "$@"
  fi
  _alpinize_say "no su-exec, gosu or util-linux setpriv found to switch to '$_alpinize_x_spec'; install su-exec (Alpine) or gosu (Debian)"
  return 5
}
