/**
 * Commands that only exist on Debian-family images: their mention marks a step to convert. A
 * quick test of text (it also matches paths such as `/var/lib/apt`); `debianTool` is the exact one.
 */
export const DEBIAN_TOOLS =
  /\b(?:apt-get|apt|aptitude|xx-apt|xx-apt-get|dpkg|groupadd|useradd|usermod)\b/;

/**
 * The names of Debian's package and system tools, which fail on an Alpine image: apt and its
 * helpers, dpkg's and debconf's tools, the locale generator, and shadow's account tools. One
 * definition for migrate's `debianToolsLeft` (what `--check` fails on), the RUN lines that keep a
 * stage on Debian, the exec-form hint, `alpinize check`'s reading of a RUN sh cannot read, and
 * the corpus scoreboard.
 */
const TOOL_NAME = String.raw`apt(?:-get|-cache|-mark|-key|-config|-cdrom|-ftparchive|-extracttemplates|-sortpkgs)?|aptitude|(?:add-apt|apt-add)-repository|xx-apt(?:-get)?|dpkg(?:-[a-z]{1,24}){0,3}|debconf(?:-[a-z]{1,24}){1,3}|locale-gen|update-locale|update-alternatives|useradd|groupadd|usermod|userdel|groupdel|groupmod|gpasswd`;

const IS_TOOL = new RegExp(`^(?:${TOOL_NAME})$`);

/**
 * A Debian tool as a command word of text sh cannot read (`apt-get`, `/usr/bin/dpkg`, `"useradd"`
 * in JSON, `$(dpkg`), not a path that names one (`/var/lib/apt/lists`) nor a longer word
 * (`apt-getter`). Group 1 is the word (`/usr/bin/dpkg`), group 2 the tool's name (`dpkg`).
 */
export const TOOL_WORD = new RegExp(
  String.raw`(?:^|[\s;&|(\x60'"])((?:\/usr)?(?:\/s?bin\/)?(${TOOL_NAME}))(?=[\s;&|)\x60'"]|$)`,
  "g",
);

/** dpkg's own programs; the other `dpkg-*` ones are dpkg-dev's (`dpkg-architecture`). */
const DPKG_OWN = new Set([
  "dpkg",
  "dpkg-deb",
  "dpkg-divert",
  "dpkg-maintscript-helper",
  "dpkg-query",
  "dpkg-realpath",
  "dpkg-split",
  "dpkg-statoverride",
  "dpkg-trigger",
  "update-alternatives",
]);
const SHADOW = new Set([
  "useradd",
  "groupadd",
  "usermod",
  "userdel",
  "groupdel",
  "groupmod",
  "gpasswd",
]);
/** debconf's, whose package Alpine has only in its testing repository. */
const DEBCONF = new Set(["dpkg-reconfigure", "dpkg-preconfigure"]);

/** Whether a command name (a path's last part) is one of Debian's tools (see `TOOL_NAME`). */
export function isDebianTool(name: string): boolean {
  return IS_TOOL.test(name);
}

/**
 * The Alpine packages any of which brings the tool (dpkg's, dpkg-dev's and shadow's programs are
 * Alpine packages too: docker-library's images `apk add dpkg` for the architecture name); empty
 * when Alpine has none. As `alpinize check` reads it, dpkg-dev brings dpkg's own programs along.
 */
export function alpineProviders(tool: string): readonly string[] {
  if (SHADOW.has(tool)) return ["shadow"];
  if (DEBCONF.has(tool)) return [];
  if (DPKG_OWN.has(tool)) return ["dpkg", "dpkg-dev"];
  if (tool.startsWith("dpkg-")) return ["dpkg-dev"];
  return [];
}

/** Whether a Debian tool fails on an Alpine stage where `installed(pkg)` says what apk has now. */
export function failsOnAlpine(tool: string, installed: (pkg: string) => boolean): boolean {
  return !alpineProviders(tool).some((p) => installed(p));
}
