/**
 * Where Alpine's busybox links each applet (`busybox --install -s`, the paths `busybox
 * --list-full` prints: measured with the musl busybox the tests build, and checked against it
 * there) and where the other base packages put their programs (apk-tools and ldconfig in /sbin,
 * musl-utils, scanelf and ssl_client in /usr/bin), for reading a path test (`[ -x /usr/bin/grep
 * ]` fails on alpine: busybox's grep is /bin/grep). Alpine 3.21 to 3.24 do not merge /usr, so
 * /bin and /usr/bin are two folders. nologin is left out (Alpine's is /sbin/nologin, not
 * busybox's /usr/sbin), as are the shell's builtins.
 */
const DIRS: Readonly<Record<string, string>> = {
  "/bin": `
  arch ash base64 bbconfig cat chattr chgrp chmod chown cp cpio date dd df dmesg dnsdomainname
  dumpkmap echo egrep false fatattr fdflush fgrep fsync getopt grep gunzip gzip hostname ionice
  iostat ipcalc kbd_mode kill link linux32 linux64 ln login ls lsattr lzop makemime mkdir mknod
  mktemp more mount mountpoint mpstat mv netstat nice pidof ping ping6 pipe_progress printenv ps
  pwd readlink reformime rev rm rmdir run-parts sed setpriv setserial sh sleep stat stty su sync
  tar touch true umount uname usleep vi watch zcat`,
  "/sbin": `
  acpid adjtimex apk arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim getty halt
  hwclock ifconfig ifdown ifenslave ifup init inotifyd insmod ip ipaddr iplink ipneigh iproute
  iprule iptunnel klogd ldconfig loadkmap logread losetup lsmod mdev mkdosfs mkfs.vfat mkswap
  modinfo modprobe nameif pivot_root poweroff raidautorun reboot rmmod route setconsole slattach
  swapoff swapon switch_root sysctl syslogd tunctl udhcpc vconfig watchdog zcip`,
  "/usr/bin": `
  awk basename bc beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum clear cmp comm crontab
  cryptpw cut dc deallocvt diff dirname dos2unix du eject env expand expr factor fallocate find
  flock fold free fuser getconf getent groups hd head hexdump hostid iconv id install ipcrm ipcs
  killall ldd less logger lsof lsusb lzcat lzma lzopcat md5sum mesg microcom mkfifo mkpasswd nc nl
  nmeter nohup nproc nslookup od openvt passwd paste pgrep pkill pmap printf pscan pstree pwdx
  realpath renice reset resize scanelf seq setkeycodes setsid sha1sum sha256sum sha3sum sha512sum
  showkey shred shuf sort split ssl_client strings sum tac tail tee test time timeout top tr
  traceroute traceroute6 truncate tty ttysize udhcpc6 unexpand uniq unix2dos unlink unlzma unlzop
  unshare unxz unzip uptime uudecode uuencode vlock volname wc wget which whoami whois xargs xxd
  xzcat yes`,
  "/usr/sbin": `
  add-shell addgroup adduser arping brctl chpasswd chroot crond delgroup deluser ether-wake fbset
  killall5 loadfont nanddump nandwrite nbd-client ntpd partprobe rdate rdev readahead remove-shell
  rfkill sendmail setfont setlogcons`,
};

const folderOf = new Map(
  Object.entries(DIRS).flatMap(([dir, names]) =>
    names
      .split(/\s+/)
      .filter(Boolean)
      .map((name) => [name, dir] as const),
  ),
);

/** The folder (`/bin`, `/usr/sbin`…) Alpine's base has a program in; undefined when not known. */
export function alpineProgramDir(program: string): string | undefined {
  return folderOf.get(program);
}

/** The folders of alpineProgramDir: a path elsewhere (/usr/local/bin, /opt) is not known. */
export const ALPINE_PROGRAM_DIRS: ReadonlySet<string> = new Set(Object.keys(DIRS));
