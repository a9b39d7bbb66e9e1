import { fixBrokenOption } from "@alpinize/dockerfile";
import type { ShellCommand } from "../dockerfile/commands.js";

/**
 * What to write instead of an apt/dpkg call. migrate rewrites installs, upgrades and removals;
 * queries, multiarch and `ONBUILD` lines it only flags, so the hint names the apk way for those.
 */
export function aptAdvice(name: string, cmd: ShellCommand): string {
  const sub = cmd.args.find((a) => !a.startsWith("-"));
  const flags = cmd.args.filter((a) => a.startsWith("-"));
  if (
    name === "dpkg-query" ||
    (name === "dpkg" &&
      flags.some((f) => /^-(?:l|s|L|S|W)$|^--(?:list|status|listfiles|search)$/.test(f)))
  )
    return "query packages with apk info (apk info -e NAME, apk info -L NAME, apk info --who-owns PATH)";
  if (
    name === "dpkg" &&
    flags.some((f) => f === "--add-architecture" || f === "--print-foreign-architectures")
  )
    return "apk has no multiarch: build per platform (--platform, TARGETARCH) or cross-install with xx-apk";
  if (name === "apt-cache") return "search and inspect with apk search / apk info / apk policy";
  if (sub === "install" && flags.some(fixBrokenOption))
    return "this repairs a dpkg -i of a .deb, which migrate keeps on purpose so the build stops: install the software from Alpine packages or a musl build, then delete both";
  if (name === "dpkg" && flags.some((f) => /^(?:-i|--install)$/.test(f)))
    return "a .deb is built for Debian and glibc: install the software from Alpine packages or a musl build";
  if (name === "apt-key" || name === "add-apt-repository")
    return "Alpine has no apt repositories: install the package from Alpine main/community, or the vendor's Alpine build";
  const tool = name.startsWith("xx-") ? "xx-apk add --no-cache" : "apk add --no-cache";
  const rewrites =
    sub === undefined || /^(?:install|upgrade|dist-upgrade|remove|purge|update|clean)$/.test(sub);
  return rewrites
    ? `use ${tool} (alpinize migrate rewrites it, or flags it where it cannot)`
    : `use ${tool} or the apk command that does the same; alpinize migrate flags this call but does not rewrite it`;
}
