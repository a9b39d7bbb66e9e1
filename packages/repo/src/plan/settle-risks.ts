import { checkStages } from "../check/dockerfile-rules.js";
import { describeStages } from "../dockerfile/stages.js";
import { PRIVILEGE_DROP_ADVICE, riskWith } from "../risks/detect.js";
import { idCollisions } from "../risks/ids.js";
import { shorten } from "../risks/scan.js";
import type { Evidence, Risk } from "../risks/types.js";
import { mapLinesToOriginal } from "./line-map.js";
import type { FilePlan, RepoPlan } from "./types.js";

/** Account commands: a Dockerfile with none has no ID at risk, and is not checked for one. */
const ACCOUNT_COMMAND = /\b(?:addgroup|adduser|groupadd|useradd|usermod|groupmod)\b/;

const ID_ADVICE =
  "Alpine's base image already holds some IDs and names (e.g. GID 999 `ping`, GID 82 `www-data`, GID 100 `users`), and packages make their own accounts as they install (nginx's group takes GID 101 on Alpine's base); busybox `addgroup -g`/`adduser -u` stop on a taken ID where Debian would have had it free. Listed: the accounts still at risk in the migrated files, as `alpinize check` reads them (a collision migrate freed, `delgroup ping` before `addgroup -g 999`, is among the warnings instead). Pick free IDs (1000+ or the ones the official Alpine images use) and check volume ownership after the move.";

/**
 * The risks found in the files as they were, brought in line with what the migration wrote: the
 * ID collisions are those left in the migrated files, and the privilege-drop advice says which
 * tool migrate wrote in place of gosu.
 */
export function settleRisks(plan: RepoPlan, risks: Risk[]): Risk[] {
  const out = risks
    .filter((r) => r.id !== "id-collision")
    .map((r) => ({ ...r, evidence: r.evidence.map(markRewritten(plan)) }));
  const ids = idsStillTaken(plan, risks.find((r) => r.id === "id-collision")?.evidence ?? []);
  if (ids.length > 0) out.push({ ...riskWith("id-collision", ids), advice: ID_ADVICE });
  const order = (r: Risk) => RISK_ORDER.indexOf(r.id);
  out.sort((a, b) => order(a) - order(b));
  return out.map((r) => (r.id === "privilege-drop" ? { ...r, advice: privilegeDrop(plan) } : r));
}

/**
 * Evidence quotes the files as they were: a line the migration changed (`gosu nobody true`, now
 * `su-exec nobody true`) is marked, so the report does not quote text the file no longer holds.
 */
function markRewritten(plan: RepoPlan): (e: Evidence) => Evidence {
  const kept = new Map<string, Set<string>>();
  for (const f of plan.files)
    if (f.changed) kept.set(f.file, new Set(f.after.split("\n").map((l) => l.trim())));
  const before = new Map(plan.files.map((f) => [f.file, f.before.split("\n")]));
  return (e) => {
    const now = kept.get(e.file);
    const was = before.get(e.file)?.[e.line - 1]?.trim();
    if (now === undefined || was === undefined || now.has(was)) return e;
    return { ...e, rewritten: true };
  };
}

const RISK_ORDER: Risk["id"][] = [
  "musl-dns",
  "cgo-sqlite",
  "glibc-binaries",
  "id-collision",
  "docker-socket-gid",
  "busybox-tools",
  "locale",
  "shells",
  "privilege-drop",
];

/**
 * What `alpinize check` says of the migrated Dockerfiles' accounts, the calls left in the scripts
 * migrate rewrote, and, as found, those of the files it did not change (a script only copied).
 */
function idsStillTaken(plan: RepoPlan, found: readonly Evidence[]): Evidence[] {
  const planned = new Map(plan.files.map((f) => [f.file, f]));
  const out = found.filter((e) => planned.get(e.file)?.changed !== true);
  for (const file of plan.files) {
    if (!ACCOUNT_COMMAND.test(file.after)) continue;
    if (file.kind === "dockerfile") out.push(...takenInDockerfile(file, plan.config.images.ignore));
    else if (file.changed)
      out.push(...idCollisions([{ file: file.file, kind: "script", text: file.after }]));
  }
  return out;
}

function takenInDockerfile(file: FilePlan, ignoreImages: readonly string[]): Evidence[] {
  const settings = { skip: [], requireDigests: false, ignoreImages };
  const findings = checkStages(file.file, describeStages(file.after, file.file), settings);
  const original = originalLines(file);
  const lines = file.after.split("\n");
  return findings
    .filter((f) => f.rule === "alpine-id-taken")
    .map((f) => ({
      file: file.file,
      line: original(f.line),
      text: `${shorten((lines[f.line - 1] ?? "").trim())} — ${f.message}`,
    }));
}

/**
 * A line of the migrated Dockerfile to the line it was: where migrate warned at it, the warning's
 * line (a block of lines all rewritten aligns with nothing, and maps to its first line); else the
 * line the rewrite kept or put it at.
 */
function originalLines(file: FilePlan): (line: number) => number {
  const warned = new Map<number, number>();
  for (const w of file.warnings)
    if (w.outputLine !== undefined && !warned.has(w.outputLine)) warned.set(w.outputLine, w.line);
  const aligned = mapLinesToOriginal(file.before, file.after);
  return (line) => warned.get(line) ?? aligned(line);
}

/** Which tool stands in for gosu, as the migrated files show it. */
function privilegeDrop(plan: RepoPlan): string {
  const grew = (word: RegExp) =>
    plan.files
      .filter((f) => count(f.after, word) > count(f.before, word))
      .map((f) => `\`${f.file}\``);
  const shim = grew(/\balpinize_exec_as\b/g);
  // The shim's own body names su-exec: a file that got the shim is counted under it alone.
  const suExec = grew(/\bsu-exec\b/g).filter((f) => !shim.includes(f));
  // su-exec in place of gosu only where gosu was; elsewhere it was added for the shim to run.
  const hadGosu = new Set(
    plan.files.filter((f) => count(f.before, /\bgosu\b/g) > 0).map((f) => `\`${f.file}\``),
  );
  const replaced = suExec.filter((f) => hadGosu.has(f));
  const added = suExec.filter((f) => !hadGosu.has(f));
  const done: string[] = [];
  if (replaced.length > 0)
    done.push(
      `\`alpinize migrate\` wrote \`su-exec\` in place of gosu in ${replaced.join(", ")}: su-exec takes gosu's \`USER\`, \`USER:GROUP\`, \`UID\` and \`UID:GID\` with the same meaning, ${unknownUser(plan.release)}.`,
    );
  if (shim.length > 0)
    done.push(
      `\`alpinize migrate\` wrote \`alpinize_exec_as\` in ${shim.join(", ")}, which runs whichever of su-exec, gosu or setpriv the image has, with the same IDs and groups.`,
    );
  if (added.length > 0)
    done.push(
      `\`alpinize migrate\` added \`su-exec\` to the \`apk add\` of ${added.join(", ")}${shim.length > 0 ? ", so that `alpinize_exec_as` finds a tool to run" : ""} (${unknownUser(plan.release).replace(/^(?:and|but) /, "")}).`,
    );
  if (done.length === 0)
    done.push(
      "`alpinize migrate` changed none of these calls: install su-exec and call it as gosu was called (the same forms), or let `alpinize entrypoint` write `alpinize_exec_as`.",
    );
  return `\`gosu\` is not in Alpine's main repository; \`su-exec\` is. ${done.join(" ")} ${PRIVILEGE_DROP_ADVICE}`;
}

/** su-exec 0.3 (Alpine 3.23 on) stops on an unknown user name; 0.2 runs the command as root. */
function unknownUser(release: string): string {
  const [major = 0, minor = 0] = release.split(".").map(Number);
  return major > 3 || (major === 3 && minor >= 23)
    ? `and on Alpine ${release} (su-exec 0.3) it stops on an unknown user name as gosu does`
    : `but on Alpine ${release} (su-exec 0.2) an unknown user name runs the command as root where gosu stops: check each name exists in the image`;
}

function count(text: string, word: RegExp): number {
  return text.match(word)?.length ?? 0;
}
