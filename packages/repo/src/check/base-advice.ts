import { migrateDockerfile } from "@alpinize/dockerfile";
import { isAlpinizeError } from "@alpinize/errors";
import { tryParseImageReference } from "@alpinize/image-ref";

const MIGRATE = 'run "alpinize migrate" or list the image in images.ignore';

// One answer per image; a run sees a handful of images, the bound keeps odd inputs in check.
const cache = new Map<string, string>();
const CACHE_LIMIT = 512;

/**
 * What to do about a stage on a Debian or Ubuntu base. Migrate itself is asked whether it moves
 * the image, so the hint never sends the user to a command that leaves the stage as it is.
 */
export function debianBaseHint(image: string): string {
  let hint = cache.get(image);
  if (hint === undefined) {
    hint = decide(image);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(image, hint);
  }
  return hint;
}

function decide(image: string): string {
  const left = leftByMigrate(image);
  if (left === undefined) return MIGRATE;
  const instead = replacementFor(image);
  if (instead) {
    return `alpinize migrate leaves this image (${instead.why}): use ${instead.use}, or list the image in images.ignore`;
  }
  return `alpinize migrate leaves this image: ${left}; move the stage to an Alpine-based image by hand, or list the image in images.ignore`;
}

/** Migrate's own warning when it keeps the image, undefined when it moves it (or cannot tell). */
function leftByMigrate(image: string): string | undefined {
  let result: ReturnType<typeof migrateDockerfile>;
  try {
    result = migrateDockerfile(`FROM ${image}\n`, { fileName: "Dockerfile" });
  } catch (err) {
    if (isAlpinizeError(err)) return undefined;
    throw err;
  }
  if (result.images.length > 0) return undefined;
  return result.warnings.find((w) => w.rule === "from" && w.line === 1)?.message;
}

/** JDK vendors in maven/gradle tags that have no Alpine twin (only Eclipse Temurin's do). */
const JDK_VENDOR =
  /^(?:sapmachine|openjdk|amazoncorretto|corretto|graal|graalvm|ibm|ibmjava|ibm-semeru|semeru|microsoft|liberica|zulu)$/i;

/** A concrete Alpine image for the images migrate leaves on purpose, where one is known. */
export function replacementFor(image: string): { use: string; why: string } | undefined {
  const ref = tryParseImageReference(image.trim(), { defaultTag: false });
  if (ref?.registry !== "docker.io") return undefined;
  const repo = ref.repository.replace(/^library\//, "");
  const tokens = (ref.tag ?? "").split("-").filter((t) => t !== "");
  if (repo === "openjdk") {
    const major = /^(\d+)/.exec(tokens[0] ?? "")?.[1] ?? "<version>";
    const kind = tokens.some((t) => /^jre$/i.test(t)) ? "jre" : "jdk";
    return {
      use: `eclipse-temurin:${major}-${kind}-alpine`,
      why: "openjdk is deprecated and has Alpine tags only for early-access builds",
    };
  }
  const vendorAt = tokens.findIndex((t) => JDK_VENDOR.test(t));
  if (vendorAt < 0 || (repo !== "maven" && repo !== "gradle")) return undefined;
  const tool = /^\d[\w.]*$/.test(tokens[0] ?? "") ? (tokens[0] as string) : "<version>";
  // The JDK major follows the vendor (3.8.6-openjdk-11-slim) or comes as jdkNN (8.5-jdk17-corretto).
  const jdk =
    [...tokens.slice(vendorAt + 1), ...tokens.slice(1, vendorAt)]
      .map((t) => /^(?:jdk)?(\d+)$/i.exec(t)?.[1])
      .find((v) => v !== undefined) ?? "<jdk>";
  const why = `${repo} has Alpine tags only for Eclipse Temurin JDKs, not for ${tokens[vendorAt]}`;
  return repo === "maven"
    ? { use: `a maven:${tool}-eclipse-temurin-${jdk}-alpine tag`, why }
    : { use: `a gradle:${tool}-jdk${jdk}-alpine tag`, why };
}
