import { findCredentials, maskReference } from "@alpinize/image-ref";
import { imageFamily } from "../dockerfile/images.js";
import type { StageInfo } from "../dockerfile/stages.js";
import type { FilePlan, RepoPlan } from "../plan/types.js";
import type { ImageChange } from "../transforms.js";
import { cell, code, codeCell, prose, table } from "./markdown-utils.js";

const MAX_EVIDENCE = 12;

export function dockerfileSection(file: FilePlan): string[] {
  const out = [`### ${code(file.file)}`, ""];
  if (!file.changed) out.push("No changes needed.", "");
  out.push(...stageTable(file), "");
  const packages = file.result?.packages ?? [];
  if (packages.length > 0) {
    out.push("Package changes:", "");
    out.push(
      ...table(
        ["Line", "Tool", "Debian", "Alpine", "Kind", "Reason"],
        packages.map((p) => [
          String(p.line),
          cell(p.tool),
          codeCell(p.debian),
          p.written.length > 0 ? p.written.map(codeCell).join(", ") : "(none)",
          p.kind,
          cell(p.reason),
        ]),
      ),
      "",
    );
  }
  if (file.keptImages?.length) {
    const kept = file.keptImages.map((i) => code(maskReference(i))).join(", ");
    out.push(`Kept as configured in images.ignore: ${kept}.`, "");
  }
  out.push(...warningList(file));
  return out;
}

function stageTable(file: FilePlan): string[] {
  const before = file.stagesBefore ?? [];
  const after = file.stagesAfter ?? [];
  const rows = before.map((stage, i) => {
    const next = after[i];
    // A FROM with credentials is never rewritten, so Before and After both show it: masked.
    const image = next?.image ?? stage.image;
    return [
      cell(stage.final ? `${stage.name} (final)` : stage.name),
      String(stage.line),
      stage.parent ? `stage ${codeCell(stage.parent)}` : codeCell(maskReference(stage.image)),
      stage.parent ? `stage ${codeCell(stage.parent)}` : codeCell(maskReference(image)),
      cell(imageReason(stage, next, file.result?.images ?? [], file.keptImages ?? [])),
    ];
  });
  return table(["Stage", "Line", "Before", "After", "Why"], rows);
}

function imageReason(
  before: StageInfo,
  after: StageInfo | undefined,
  images: ImageChange[],
  kept: readonly string[],
): string {
  if (before.parent) return "builds on an earlier stage";
  if (before.family === "scratch") return "scratch: nothing to change";
  if (kept.includes(before.image)) return "kept: images.ignore";
  const credentials = credentialsReason(before.image);
  if (credentials) return credentials;
  const change = images.find((c) => c.line === before.imageLine);
  const now = after?.image ?? before.image;
  const pin = change?.needsPin ? "; the old digest was dropped: pin the new reference" : "";
  if (now === before.image) {
    if (before.family === "alpine") return "already Alpine";
    if (before.family === "debian" || before.family === "ubuntu")
      return "no Alpine variant known: stays (see warnings)";
    return "not a Debian or Ubuntu image: left as is";
  }
  if (/^(?:docker\.io\/)?(?:library\/)?alpine[:@]/.test(now) && !/alpine/.test(before.image)) {
    return `${before.family} base replaced by plain Alpine${pin}`;
  }
  return `the image publishes an Alpine variant of the same version${pin}`;
}

/**
 * Why a FROM with credentials stays, as migrate's warning says: Docker refuses it, and the stage
 * is converted once they are removed. Its family is that of the image after the `@`.
 */
function credentialsReason(written: string): string | undefined {
  const userinfo = findCredentials(written);
  if (!userinfo) return undefined;
  const family = imageFamily(written.slice(userinfo.at + 1));
  const name = family === "debian" ? "Debian" : family === "ubuntu" ? "Ubuntu" : undefined;
  return name
    ? `credentials in the FROM, which Docker refuses: this ${name} stage is left as is until they are removed (see warnings)`
    : "credentials in the FROM, which Docker refuses: left as is until they are removed (see warnings)";
}

export function warningList(file: FilePlan): string[] {
  if (file.warnings.length === 0) return [];
  return [
    "Warnings:",
    "",
    ...file.warnings.map(
      (w) => `- ${code(`${file.file}:${w.line}`)} (${w.rule}) ${prose(w.message)}`,
    ),
    "",
  ];
}

export function scriptSection(file: FilePlan): string[] {
  const used =
    file.role === "entrypoint"
      ? "ENTRYPOINT"
      : file.role === "cmd"
        ? "CMD"
        : "copied into the image";
  const by = (file.copiedBy ?? []).map(code).join(", ");
  const status =
    file.kept === "images.ignore"
      ? "kept as it is: only stages whose image images.ignore names run it"
      : file.role === "copied"
        ? "checked for risks only"
        : file.changed
          ? "rewritten"
          : "no rewrite needed";
  const edits = (file.edits ?? []).map(
    (e) => `- ${code(`${file.file}:${e.line}`)} (${e.rule}) ${prose(e.message)}`,
  );
  const changes = edits.length > 0 ? ["Changes:", "", ...edits, ""] : [];
  const shims = file.after.includes("# >>> alpinize shims")
    ? [
        "The alpinize shim functions it calls are inlined at the top of the script, so the image needs no extra file.",
        "",
      ]
    : [];
  return [
    `### ${code(file.file)}`,
    "",
    `${used} of ${by}; ${status}.`,
    "",
    ...shims,
    ...changes,
    ...warningList(file),
  ];
}

export function mentionSection(plan: RepoPlan): string[] {
  if (plan.mentions.length === 0) return [];
  return [
    "## Compose files and workflows",
    "",
    "These name a base image the Dockerfiles no longer use. They were not changed; update them to match (and pin them):",
    "",
    ...table(
      ["Where", "Image", "The Dockerfile now uses"],
      plan.mentions.map((m) => [
        codeCell(`${m.file}:${m.line}`),
        codeCell(maskReference(m.image)),
        codeCell(maskReference(m.replacement)),
      ]),
    ),
    "",
  ];
}

export function riskSection(plan: RepoPlan): string[] {
  if (plan.risks.length === 0)
    return ["## Risks", "", "None detected from the repository's contents.", ""];
  const out = [
    "## Risks",
    "",
    "Detected from what this repository contains; review each before merging.",
    "",
  ];
  for (const risk of plan.risks) {
    out.push(`### ${risk.title}`, "", risk.advice, "");
    for (const e of risk.evidence.slice(0, MAX_EVIDENCE))
      out.push(`- ${code(`${e.file}:${e.line}`)} ${e.rewritten ? "was: " : ""}${code(e.text)}`);
    if (risk.evidence.length > MAX_EVIDENCE)
      out.push(`- … and ${risk.evidence.length - MAX_EVIDENCE} more`);
    out.push("");
  }
  return out;
}
