import { InputError } from "@alpinize/errors";
import type { YamlRead } from "./yaml-entries.js";
import type { YamlEntry } from "./yaml-types.js";

type Kind = "compose" | "workflow";
type Shape = "mapping" | "sequence";

const NAME: Record<Kind, string> = { compose: "compose file", workflow: "workflow" };
const TOP: Record<Kind, string> = {
  compose: "services:, volumes:, networks:…",
  workflow: "on:, jobs:…",
};

/**
 * Where compose and GitHub take a collection of one kind, `*` standing for any key. What pin
 * looks for sits under these: written in another shape, its images would be read under other
 * paths and never reported, so such a file is refused rather than passed.
 */
const SHAPES: Record<Kind, { path: string[]; shape: Shape; what: string }[]> = {
  compose: [
    { path: ["services"], shape: "mapping", what: "service names (web:, db:) to services" },
    { path: ["services", "*"], shape: "mapping", what: "a service's keys (image:, build:…)" },
  ],
  workflow: [
    { path: ["jobs"], shape: "mapping", what: "job ids to jobs" },
    { path: ["jobs", "*"], shape: "mapping", what: "a job's keys (runs-on:, steps:…)" },
    { path: ["jobs", "*", "services"], shape: "mapping", what: "service names to services" },
    { path: ["jobs", "*", "services", "*"], shape: "mapping", what: "a service's keys (image:…)" },
    { path: ["jobs", "*", "steps"], shape: "sequence", what: "steps (- uses: … or - run: …)" },
  ],
};

const invalid = (line: number, message: string, hint: string) =>
  new InputError("ALPINIZE_PIN_YAML_INVALID", `line ${line}: ${message}`, {
    hint,
    details: { line },
  });

/**
 * Refuses a compose file or workflow whose shape compose or GitHub refuse too, where reading it
 * line by line would find no image and pass `--check`: an empty file, a document that is a list
 * or a single value, a key above the images (`services:`, a service, `jobs:`…) written as a
 * list or a value, and a workflow with no `jobs:`. Only what the line reader knows for certain
 * is judged: a shape it cannot tell (an alias, a tag, a merge) is left to the skips.
 */
export function checkYamlShape(kind: Kind, read: YamlRead): void {
  const name = NAME[kind];
  if (read.roots.length === 0)
    throw invalid(
      1,
      `empty ${name} (nothing but blank lines and comments), which ${kind === "compose" ? "docker compose" : "GitHub"} refuses too`,
      `Name the ${name} that holds the images, or leave this file out.`,
    );
  for (const root of read.roots) {
    if (root.kind !== "sequence" && root.kind !== "scalar") continue;
    throw invalid(
      root.line,
      `the ${name} is ${root.kind === "sequence" ? "a list" : "a single value"}, where a mapping of top-level keys (${TOP[kind]}) is expected`,
      `Check that this is a ${name}; pass --kind only for one.`,
    );
  }
  // A path's first entry is its key's own value; later ones at the same path are the items of
  // a list there (a list item adds no key: `steps: [{uses: x}]` has one at `steps` too).
  const seen = new Set<string>();
  for (const entry of read.entries) {
    const at = `${entry.doc}\u0000${entry.path.join("\u0000")}`;
    if (seen.has(at)) continue;
    seen.add(at);
    checkEntry(kind, entry);
  }
  if (kind === "workflow") requireJobs(read.entries);
}

function checkEntry(kind: Kind, entry: YamlEntry): void {
  const rule = SHAPES[kind].find(
    (r) =>
      r.path.length === entry.path.length &&
      r.path.every((k, i) => k === "*" || k === entry.path[i]),
  );
  if (!rule) return;
  const found = shapeOf(entry);
  if (found === undefined || found === rule.shape) return;
  const where = entry.path.join(".");
  const seen =
    found === "scalar"
      ? `a value (${quote(entry)})`
      : found === "sequence"
        ? "a list"
        : "a mapping";
  throw invalid(
    entry.line,
    `${where} is ${seen}, where ${kind === "compose" ? "compose" : "GitHub"} expects ${rule.shape === "mapping" ? "a mapping" : "a list"} of ${rule.what}`,
    kind === "compose" && entry.path.length === 2 && found === "scalar"
      ? `Write the image under the service's name: ${entry.path[1]}:, then image: ${quote(entry)} on the line below, indented.`
      : `Write ${where} as ${rule.shape === "mapping" ? "a mapping (key: value lines, indented)" : "a list (- lines, indented)"}.`,
  );
}

/** The shape an entry's value has for certain; undefined for null or what pin cannot tell. */
function shapeOf(entry: YamlEntry): Shape | "scalar" | undefined {
  const v = entry.value;
  if (v.kind === "scalar") return "scalar";
  if (v.kind === "container") return v.collection;
  return undefined;
}

function quote(entry: YamlEntry): string {
  const v = entry.value;
  if (v.kind !== "scalar") return "";
  return v.value.length > 60 ? `${v.value.slice(0, 60)}…` : v.value;
}

/**
 * Every GitHub workflow has `jobs:`. A file without it is not one, unless keys pin cannot read
 * come in at the top (a merge key, a key written as an alias or a tag): `jobs` could be among
 * them.
 */
function requireJobs(entries: YamlEntry[]): void {
  // An entry for the whole document (a flow mapping over several lines, JSON style) hides its
  // keys too.
  const unsure = (e: YamlEntry) =>
    e.path.length === 0 || (e.path.length === 1 && e.value.kind === "merge");
  if (entries.some((e) => (e.path.length === 1 && e.path[0] === "jobs") || unsure(e))) return;
  throw invalid(
    1,
    "no jobs: key, which every GitHub workflow has; this is not a workflow",
    "Check that this is a workflow file (.github/workflows/*.yml); pass --kind workflow only for one.",
  );
}
