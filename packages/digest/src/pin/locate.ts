import {
  analyzeStages,
  lineFinder,
  listImageReferences,
  parseDockerfile,
} from "@alpinize/dockerfile";
import { walkYamlScalars } from "./yaml-scalars.js";

export type PinFileKind = "dockerfile" | "compose" | "workflow";

export interface LocatedReference {
  reference: string;
  /** Offsets of the reference text, so it can be replaced in place. */
  start: number;
  end: number;
  line: number;
  /** What holds it: `FROM`, `ARG BASE_IMAGE`, `services.web.image`, `jobs.test.container`… */
  where: string;
}

/** Every image reference a file pins, in file order. */
export function locateImageReferences(kind: PinFileKind, text: string): LocatedReference[] {
  if (kind === "dockerfile") return locateInDockerfile(text);
  const matches = kind === "compose" ? isComposeImage : isWorkflowImage;
  const out: LocatedReference[] = [];
  for (const scalar of walkYamlScalars(text)) {
    const prefix = matches(scalar.path, scalar.value);
    if (prefix === undefined) continue;
    out.push({
      reference: scalar.value.slice(prefix),
      start: scalar.start + prefix,
      end: scalar.end,
      line: scalar.line,
      where: scalar.path.join("."),
    });
  }
  return out;
}

function locateInDockerfile(text: string): LocatedReference[] {
  const refs = listImageReferences(text);
  const out: LocatedReference[] = refs.map((r) => ({
    reference: r.reference,
    start: r.start,
    end: r.end,
    line: r.line,
    where: r.kind === "arg" ? `ARG ${r.argName}` : "FROM",
  }));
  // The parser leaves out FROM images that still hold variables (beyond `${X}` with a plain ARG
  // default, which it lists as the ARG); list them too, so pinning skips them with a warning
  // instead of `--check` passing them in silence.
  const covered = new Set(refs.flatMap((r) => (r.kind === "arg" ? [r.argName] : [])));
  const doc = parseDockerfile(text);
  const lineOf = lineFinder(doc.lineStarts);
  for (const stage of analyzeStages(doc).stages) {
    if (stage.parent || !stage.image.includes("$")) continue;
    const whole = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(stage.image)?.[1];
    if (whole !== undefined && covered.has(whole)) continue;
    out.push({
      reference: stage.image,
      start: stage.imageStart,
      end: stage.imageEnd,
      line: lineOf(stage.imageStart),
      where: "FROM",
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** `services.<name>.image`; returns how many characters to skip, or undefined. */
function isComposeImage(path: string[]): number | undefined {
  return path.length === 3 && path[0] === "services" && path[2] === "image" ? 0 : undefined;
}

/** `jobs.<id>.container`, `jobs.<id>.container.image`, `jobs.<id>.services.<s>.image`, `uses: docker://…`. */
function isWorkflowImage(path: string[], value: string): number | undefined {
  if (path[0] !== "jobs") return undefined;
  const [, , key, sub, leaf] = path;
  if (path.length === 3 && key === "container") return 0;
  if (path.length === 4 && key === "container" && sub === "image") return 0;
  if (path.length === 5 && key === "services" && leaf === "image") return 0;
  if (path.length === 4 && key === "steps" && sub === "uses" && value.startsWith("docker://")) {
    return "docker://".length;
  }
  return undefined;
}

/**
 * The case rules of alpinize's file discovery (@alpinize/repo): `Dockerfile`/`Containerfile` in
 * any case, `Dockerfile.*` with a capital, `*.dockerfile` in any case, and never a name ending
 * in a source-code or document extension (`dockerfile.ts` is a parser, not a Dockerfile).
 */
function isDockerfileName(name: string): boolean {
  if (/^(?:dockerfile|containerfile)$/i.test(name)) return true;
  if (NOT_DOCKERFILE.test(name)) return false;
  return (
    /\.(?:dockerfile|containerfile)$/i.test(name) || /^(?:Dockerfile|Containerfile)\./.test(name)
  );
}

const NOT_DOCKERFILE =
  /\.(?:dockerignore|md|txt|rst|html?|json|ya?ml|toml|lock|[cm]?[jt]sx?|py|go|rs|rb|java|kt|c|h|cc|cpp|cs|php|pl|sh|orig|rej|bak|swp)$/i;

/** Guesses the kind from the file name; undefined when it cannot tell. */
export function detectFileKind(path: string): PinFileKind | undefined {
  const normalized = path.replaceAll("\\", "/");
  const name = normalized.slice(normalized.lastIndexOf("/") + 1);
  const base = name.toLowerCase();
  if (isDockerfileName(name)) return "dockerfile";
  if (/\.ya?ml$/.test(base) && /(^|\/)\.(github|gitea|forgejo)\/workflows\//.test(normalized)) {
    return "workflow";
  }
  // [docker-]compose*.y[a]ml as the help says (compose2.yaml too), and *.compose.y[a]ml, as
  // `migrate DIR` finds them.
  if (/^(docker-)?compose[\w.-]*\.ya?ml$|\.compose\.ya?ml$/.test(base)) return "compose";
  return undefined;
}
