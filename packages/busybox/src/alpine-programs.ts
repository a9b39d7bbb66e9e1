/**
 * The programs a fresh `alpine` image (3.21 to 3.24, busybox 1.37) has on its PATH, for reading a
 * probe (`command -v grep`) by what the image really has: the applets Alpine's busybox build turns
 * on (main/busybox/busyboxconfig, the `busybox --install -s` links), the programs of the other
 * base packages (apk-tools, musl-utils, scanelf, ssl_client) and the shell's builtins, which
 * `command -v` finds too. A program not listed is missing until a package installs it.
 */
const BUSYBOX_APPLETS = `
  [ [[ acpid add-shell addgroup adduser adjtimex arch arp arping ash awk base64 basename bbconfig bc
  beep blkdiscard blkid blockdev brctl bunzip2 busybox bzcat bzip2 cal cat chattr chgrp chmod chown
  chpasswd chroot chvt cksum clear cmp comm cp cpio crond crontab cryptpw cut date dc dd deallocvt
  delgroup deluser depmod df diff dirname dmesg dnsdomainname dos2unix du dumpkmap echo egrep eject
  env ether-wake expand expr factor fallocate false fatattr fbset fbsplash fdflush fdisk fgrep find
  findfs flock fold free fsck fstrim fsync fuser getopt getty grep groups gunzip gzip halt hd head
  hexdump hostid hostname hwclock id ifconfig ifdown ifenslave ifup init inotifyd insmod install
  ionice iostat ip ipaddr ipcalc ipcrm ipcs iplink ipneigh iproute iprule iptunnel kbd_mode kill
  killall killall5 klogd last less link linux32 linux64 ln loadfont loadkmap logger login logread
  losetup ls lsattr lsmod lsof lsusb lzcat lzma lzop lzopcat makemime md5sum mdev mesg microcom
  mkdir mkdosfs mkfifo mkfs.vfat mknod mkpasswd mkswap mktemp modinfo modprobe more mount mountpoint
  mpstat mv nameif nanddump nandwrite nbd-client nc netstat nice nl nmeter nohup nologin nproc
  nsenter nslookup ntpd od openvt partprobe passwd paste pgrep pidof ping ping6 pipe_progress
  pivot_root pkill pmap poweroff printenv printf ps pscan pstree pwd pwdx raidautorun rdate rdev
  readahead readlink realpath reboot reformime remove-shell renice reset resize rev rfkill rm rmdir
  rmmod route run-parts sed sendmail seq setconsole setfont setkeycodes setlogcons setpriv
  setserial setsid sh sha1sum sha256sum sha3sum sha512sum showkey shred shuf slattach sleep sort
  split stat strings stty su sum swapoff swapon switch_root sync sysctl syslogd tac tail tar tee
  test time timeout top touch tr traceroute traceroute6 tree true truncate tty ttysize tunctl umount
  uname unexpand uniq unix2dos unlink unlzma unlzop unshare unxz unzip uptime usleep uudecode
  uuencode vconfig vi vlock volname watch watchdog wc wget which who whoami whois xargs xxd xzcat
  yes zcat zcip udhcpc udhcpc6`;

/** apk-tools, musl-utils (getconf, getent, iconv, ldd), musl (ldconfig), scanelf, ssl_client. */
const BASE_PACKAGE_PROGRAMS = "apk getconf getent iconv ldd ldconfig scanelf ssl_client";

/** ash builtins that are no applet: `command -v cd` succeeds. */
const SHELL_BUILTINS =
  "alias bg cd command eval exec exit export fg getopts hash jobs let local read readonly return set shift source times trap type ulimit umask unalias unset wait";

const words = (text: string) => text.split(/\s+/).filter(Boolean);

export const ALPINE_BASE_PROGRAMS: ReadonlySet<string> = new Set([
  ...words(BUSYBOX_APPLETS),
  ...words(BASE_PACKAGE_PROGRAMS),
  ...words(SHELL_BUILTINS),
]);

/** The busybox applets alone (what a `CONFIG_X=y` line of Alpine's busybox config turns on). */
export const ALPINE_BUSYBOX_APPLETS: ReadonlySet<string> = new Set(words(BUSYBOX_APPLETS));
