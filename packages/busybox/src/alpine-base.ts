/**
 * The accounts busybox adduser/addgroup meet on Alpine's base image: its /etc/group and
 * /etc/passwd as alpine-baselayout ships them. A Debian Dockerfile or entrypoint that creates an
 * ID from these tables collides on Alpine: busybox `addgroup -g` and `adduser -u` refuse a taken
 * ID. `@alpinize/dockerfile` and `@alpinize/entrypoint` both read them from here.
 */
export const ALPINE_BASE_RELEASE = "3.23";

/** GID → group name, from Alpine's base /etc/group. */
export const ALPINE_BASE_GROUPS: ReadonlyMap<number, string> = new Map([
  [0, "root"],
  [1, "bin"],
  [2, "daemon"],
  [3, "sys"],
  [4, "adm"],
  [5, "tty"],
  [6, "disk"],
  [7, "lp"],
  [9, "kmem"],
  [10, "wheel"],
  [11, "floppy"],
  [12, "mail"],
  [13, "news"],
  [14, "uucp"],
  [16, "cron"],
  [18, "audio"],
  [19, "cdrom"],
  [20, "dialout"],
  [21, "ftp"],
  [22, "sshd"],
  [23, "input"],
  [26, "tape"],
  [27, "video"],
  [28, "netdev"],
  [34, "kvm"],
  [35, "games"],
  [42, "shadow"],
  [82, "www-data"],
  [100, "users"],
  [123, "ntp"],
  [300, "abuild"],
  [406, "utmp"],
  [999, "ping"],
  [65533, "nogroup"],
  [65534, "nobody"],
]);

/** UID → user name, from Alpine's base /etc/passwd. */
export const ALPINE_BASE_USERS: ReadonlyMap<number, string> = new Map([
  [0, "root"],
  [1, "bin"],
  [2, "daemon"],
  [4, "lp"],
  [5, "sync"],
  [6, "shutdown"],
  [7, "halt"],
  [8, "mail"],
  [9, "news"],
  [10, "uucp"],
  [16, "cron"],
  [21, "ftp"],
  [22, "sshd"],
  [35, "games"],
  [123, "ntp"],
  [405, "guest"],
  [65534, "nobody"],
]);

/**
 * The primary GID of Alpine's base users (its /etc/passwd), with the first user that has it:
 * busybox delgroup refuses a group that is someone's primary group.
 */
export const ALPINE_BASE_PRIMARY_GIDS: ReadonlyMap<number, string> = new Map([
  [0, "root"],
  [1, "bin"],
  [2, "daemon"],
  [7, "lp"],
  [12, "mail"],
  [13, "news"],
  [14, "uucp"],
  [16, "cron"],
  [21, "ftp"],
  [22, "sshd"],
  [35, "games"],
  [100, "guest"],
  [123, "ntp"],
  [65534, "nobody"],
]);
