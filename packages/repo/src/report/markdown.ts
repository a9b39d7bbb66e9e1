import { maskReference } from "@alpinize/image-ref";
import { limitRefusals, refusedByLimits, tallyPlan } from "../plan/tally.js";
import type { FilePlan, RepoPlan } from "../plan/types.js";
import { code, prose } from "./markdown-utils.js";
import { dockerfileSection, mentionSection, riskSection, scriptSection } from "./sections.js";

export interface ReportOptions {
  /** Shown in the title (e.g. the folder name). */
  name?: string;
  /** Whether the changes were written (`--write`) or only planned. */
  written?: boolean;
}

/** The Markdown migration report a reviewer acts on. */
export function renderReport(plan: RepoPlan, options: ReportOptions = {}): string {
  const dockerfiles = plan.files.filter((f) => f.kind === "dockerfile");
  const scripts = plan.files.filter((f) => f.kind === "script");
  // A planned file that `applyPlan` could not write is in `unparsable` too: it did not change.
  const notWritten = new Map(plan.unparsable.map((u) => [u.file, u.message]));
  const section = (file: FilePlan, render: (f: FilePlan) => string[]) => {
    const lines = render(file);
    const why = notWritten.get(file.file);
    if (why === undefined) return lines;
    return [
      ...lines.slice(0, 2),
      `**Not written:** ${prose(why)}; the changes below are not applied.`,
      "",
      ...lines.slice(2),
    ];
  };
  const out = [
    `# Migration to Alpine ${plan.release}${options.name ? `: ${prose(options.name)}` : ""}`,
    "",
    headline(plan, options.written === true),
    "",
    "Line numbers (`file:line`) refer to the files as they were before the migration.",
    "",
    "## Dockerfiles",
    "",
  ];
  if (dockerfiles.length === 0) out.push("No Dockerfiles found.", "");
  for (const file of dockerfiles) out.push(...section(file, dockerfileSection));
  if (scripts.length > 0) {
    out.push("## Scripts", "");
    for (const file of scripts) out.push(...section(file, scriptSection));
  }
  out.push(...mentionSection(plan));
  if (plan.unparsable.length > 0) {
    out.push(
      "## Files left untouched",
      "",
      "alpinize could not read, parse or write these, or refused them at a limit, and did not change them:",
      "",
    );
    for (const skipped of plan.unparsable)
      out.push(`- ${code(skipped.file)}: ${prose(skipped.message)}`);
    out.push("");
  }
  if (plan.skipped.length > 0) {
    out.push("## Files skipped", "");
    for (const skipped of plan.skipped)
      out.push(`- ${code(skipped.file)}: ${prose(skipped.message)}`);
    out.push("");
  }
  if (plan.pins.length > 0) {
    out.push("## Digests pinned", "");
    for (const pin of plan.pins)
      out.push(
        `- ${code(`${pin.file}:${pin.line}`)} ${code(`${maskReference(pin.reference)}@${pin.digest}`)}`,
      );
    out.push("");
  }
  out.push(...riskSection(plan), ...checklist(plan));
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

/**
 * What the run did, in counts that add up: every file examined is counted once, a file that
 * could not be written among those to change, not also among those that could not be read.
 */
function headline(plan: RepoPlan, written: boolean): string {
  const t = tallyPlan(plan);
  const changed = t.toChange - t.notWritten;
  const lead = !written
    ? "Planned changes (nothing written yet)"
    : changed > 0
      ? "Changes written"
      : "Nothing was written";
  const unreadable = t.unreadable > 0 ? `, ${t.unreadable} could not be read or parsed` : "";
  const overLimit = limitRefusals(t);
  const done = written ? `${changed} changed` : `${t.toChange} to change`;
  const failed = t.notWritten > 0 ? `, ${t.notWritten} could not be written` : "";
  const untouched = t.unreadable + refusedByLimits(t) + t.notWritten;
  const left = untouched > 0 ? `; ${untouched} left untouched` : "";
  return `${lead} by \`alpinize migrate\`: ${t.examined} file(s) examined (${t.dockerfiles} Dockerfile(s), ${t.scripts} script(s)${unreadable}${overLimit}), ${done}${failed}${left}.`;
}

function checklist(plan: RepoPlan): string[] {
  const ids = new Set(plan.risks.map((r) => r.id));
  const items = [
    "The image builds for every target platform: `docker buildx build --platform linux/amd64,linux/arm64 .`",
    "The container starts as its non-root user: `docker run --rm IMAGE id` shows the expected UID, GID and groups",
    "The project's tests pass against the Alpine image",
    "Zero HIGH/CRITICAL findings: `trivy image --format json -o trivy.json IMAGE && alpinize gate trivy.json`",
    `Base images are pinned by digest: ${plan.pins.length > 0 ? "done with `--pin`; keep" : "run"} \`alpinize pin --write\` and \`alpinize pin --check\` passes`,
    'The Renovate preset is extended in `renovate.json`: `"extends": ["github>alpinize/alpinize//renovate/default"]`',
    "`alpinize check .` passes (add it to CI)",
  ];
  if (ids.has("musl-dns"))
    items.push("Name resolution works in the target network (service names, search domains, IPv6)");
  if (ids.has("cgo-sqlite"))
    items.push("The database opens, migrates and survives concurrent writes on the Alpine image");
  if (ids.has("docker-socket-gid")) {
    items.push(
      "With the host's docker socket mounted (GID 999 and another GID), the app user can use it: `docker run -v /var/run/docker.sock:/var/run/docker.sock IMAGE`",
    );
  }
  if (ids.has("id-collision"))
    items.push("Volumes written by the Debian image are still readable and writable (UIDs/GIDs)");
  if (ids.has("glibc-binaries"))
    items.push("Every downloaded binary runs: `docker run --rm IMAGE BINARY --version`");
  if (plan.mentions.length > 0)
    items.push("Compose files and workflows listed above use the new images");
  return [
    "## Acceptance checklist",
    "",
    ...items.map((item) => `- [ ] ${item}`),
    "",
    `Generated by alpinize for ${code(plan.root.split(/[\\/]/).pop() ?? ".")}.`,
    "",
  ];
}
