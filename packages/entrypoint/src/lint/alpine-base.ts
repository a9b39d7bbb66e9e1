/**
 * The group and user IDs Alpine's base image already holds (alpine-baselayout's /etc/group and
 * /etc/passwd in Alpine 3.23), for the IDs a Debian entrypoint creates. The dockerfile package
 * keeps the same table; this package does not depend on it, so a test checks this copy against
 * Alpine's files.
 */
export const ALPINE_RELEASE = "3.23";

export const ALPINE_GIDS: ReadonlyMap<number, string> = new Map([
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

export const ALPINE_UIDS: ReadonlyMap<number, string> = new Map([
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
