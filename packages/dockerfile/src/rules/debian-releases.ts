import { familiarRepository, splitReference } from "./images.js";

/**
 * A Debian or Ubuntu release an image tag can name. `python` is python3's minor there (its
 * python3-defaults), given for the releases the python-version rule judges: Debian 10-13 and
 * Ubuntu's LTS releases 18.04-24.04.
 */
export interface DebianRelease {
  distro: "Debian" | "Ubuntu";
  version: string;
  codename: string;
  python?: string;
  /**
   * Read only in the tags of Ubuntu's own images (`ubuntu`, `buildpack-deps`): the interim
   * releases before 22.10, which other images published no tags for and whose codenames are
   * ordinary words (`groovy`, `disco`, `cosmic`) another image's tag may carry.
   */
  distroTagsOnly?: true;
  /**
   * Read only to tell that an image is built on Debian (check's image families): the suites
   * before 10 and after 13 (`jessie`, `forky`, `sid`), which no rule that judges a release (the
   * dash/sh answer, python3, Java) knows, so debianRelease does not give them.
   */
  familyOnly?: true;
}

const debian = (version: string, codename: string, python: string): DebianRelease => ({
  distro: "Debian",
  version,
  codename,
  python,
});
const ubuntu = (version: string, codename: string, python?: string): DebianRelease =>
  python === undefined
    ? { distro: "Ubuntu", version, codename }
    : { distro: "Ubuntu", version, codename, python };
const suite = (version: string, codename: string): DebianRelease => ({
  distro: "Debian",
  version,
  codename,
  familyOnly: true,
});
const interim = (version: string, codename: string): DebianRelease => ({
  distro: "Ubuntu",
  version,
  codename,
  distroTagsOnly: true,
});

/**
 * The releases whose codename or version a tag may carry (`node:20-bookworm`, `ubuntu:22.04`,
 * `eclipse-temurin:21-jdk-noble`): every Ubuntu release from 14.04 on, so that an old one is
 * never read as a release alpinize does not know.
 */
const DEBIAN_RELEASES: readonly DebianRelease[] = [
  debian("10", "buster", "3.7"),
  debian("11", "bullseye", "3.9"),
  debian("12", "bookworm", "3.11"),
  debian("13", "trixie", "3.13"),
  ubuntu("14.04", "trusty"),
  interim("14.10", "utopic"),
  interim("15.04", "vivid"),
  interim("15.10", "wily"),
  ubuntu("16.04", "xenial"),
  interim("16.10", "yakkety"),
  interim("17.04", "zesty"),
  interim("17.10", "artful"),
  ubuntu("18.04", "bionic", "3.6"),
  interim("18.10", "cosmic"),
  interim("19.04", "disco"),
  interim("19.10", "eoan"),
  ubuntu("20.04", "focal", "3.8"),
  interim("20.10", "groovy"),
  interim("21.04", "hirsute"),
  interim("21.10", "impish"),
  ubuntu("22.04", "jammy", "3.10"),
  ubuntu("22.10", "kinetic"),
  ubuntu("23.04", "lunar"),
  ubuntu("23.10", "mantic"),
  ubuntu("24.04", "noble", "3.12"),
  ubuntu("24.10", "oracular"),
  ubuntu("25.04", "plucky"),
  ubuntu("25.10", "questing"),
  ubuntu("26.04", "resolute"),
  // Last, so that a tag naming one of these beside a release the rules judge gives that release.
  suite("8", "jessie"),
  suite("9", "stretch"),
  suite("14", "forky"),
  suite("unstable", "sid"),
];

/**
 * The Debian or Ubuntu release an image reference names: `debian:12-slim`, `debian:bookworm`,
 * `ubuntu:22.04`, `ubuntu:jammy-20240111`, or a codename in another image's tag
 * (`node:20-bookworm-slim`, `buildpack-deps:trixie`, `eclipse-temurin:21-jdk-noble`). Undefined
 * when the tag names none (`debian`, `node:20`: which release that is depends on when it is pulled).
 */
export function debianRelease(reference: string): DebianRelease | undefined {
  const found = namedRelease(reference);
  return found?.familyOnly ? undefined : found;
}

function namedRelease(reference: string): DebianRelease | undefined {
  const { name, tag } = splitReference(reference);
  if (tag === undefined) return undefined;
  const repo = familiarRepository(name);
  const byCodename = releaseByCodename(tag, repo);
  if (byCodename) return byCodename;
  const tokens = tag.toLowerCase().split("-");
  const distro = repo === "debian" ? "Debian" : repo === "ubuntu" ? "Ubuntu" : undefined;
  if (distro === undefined) return undefined;
  // `12`, `12.5`, `12-slim`: the major names the Debian release; Ubuntu's is `22.04`.
  const version = distro === "Debian" ? tokens[0]!.split(".")[0] : tokens[0];
  return DEBIAN_RELEASES.find((r) => r.distro === distro && r.version === version);
}

/**
 * The release whose codename is a `-`-separated word of the tag of image `repo` (familiar name:
 * `eclipse-temurin`, `ubuntu`), if any: `21-jdk-noble`, `8-jessie` (a `familyOnly` suite too).
 */
export function releaseByCodename(tag: string, repo: string): DebianRelease | undefined {
  const tokens = tag.toLowerCase().split("-");
  const distro = DISTRO_IMAGES.has(repo);
  return DEBIAN_RELEASES.find(
    (r) => (distro || r.distroTagsOnly === undefined) && tokens.includes(r.codename),
  );
}

const DISTRO_IMAGES = new Set(["ubuntu", "buildpack-deps"]);

/** Ubuntu's version as a number to compare (`23.04` → 2304); NaN for one that is not `NN.NN`. */
export function ubuntuVersionNumber(version: string): number {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? Number(m[1]) * 100 + Number(m[2]) : Number.NaN;
}

/** Whether the release's base image has Ubuntu's login user ubuntu (Ubuntu 23.04 on). */
export function releaseHasUbuntuUser(release: DebianRelease): boolean {
  return release.distro === "Ubuntu" && ubuntuVersionNumber(release.version) >= 2304;
}
