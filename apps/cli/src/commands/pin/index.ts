import {
  findUnpinned,
  locateImageReferences,
  type PinFileKind,
  pinText,
  type ResolveOutcome,
  type Resolver,
  resolveMany,
} from "@alpinize/digest";
import { type AlpinizeError, EXIT, isAlpinizeError, UsageError } from "@alpinize/errors";
import { escapeInline } from "@alpinize/image-ref";
import { type LinkedWrite, linksLeftBehind } from "@alpinize/repo";
import { parseCommandArgs } from "../../args.js";
import type { Io } from "../../io.js";
import { errorJson, wantsJson, withJsonErrors } from "../../json-errors.js";
import { missingOperand } from "../../missing-operand.js";
import { escapingErrors, rawBytesJson, showingRawBytes } from "../../raw-bytes.js";
import { type OtherLinksNote, otherLinksNote, symlinkTarget } from "../../write-output.js";
import { progressReporter, reportWarnings, resolverFromFlags } from "../resolve/resolver-flags.js";
import { encode, forFile, KINDS, type PinInput, readPinInput, replaceFile } from "./files.js";
import { type FileReport, printReport, reportToJson } from "./report.js";

export const help = `Usage: alpinize pin FILE... [--write | --check] [--json] [--kind K]
                    [--via registry|daemon|auto] [--insecure-registry HOST]...
                    [--registry-mirror HOST]

Pin image references by digest, in place: FROM lines, the ARG ..._IMAGE defaults a FROM
uses and COPY --from=<image> (Dockerfile; stage names and numbers stay), services.*.image
(compose), jobs.*.container, jobs.*.services.*.image and "uses: docker://..." (GitHub
workflows). alpine:3.23 becomes alpine:3.23@sha256:<index digest>; a reference that
already has name:tag@digest gets the tag's current digest.

Without --write or --check, prints what it would pin and changes nothing.

Options:
  --write                  Rewrite the files (atomically, keeping mode, owner and group);
                           a file edited meanwhile, or owned by another user (unless
                           alpinize runs as root, which rewrites it and keeps its owner
                           and group), is left alone (exit 2); when one cannot be written
                           the others still are, and each is reported. A symlink is
                           written through (its target gets the new text); a file with
                           other hard links gets a new inode, so the other names keep the
                           old text (a warning says how many)
  --check                  Ask no registry; exit 1 if any reference lacks a digest or was
                           skipped (for CI)
  --json                   Print {files, errors} on stdout, always: one object per file
                           (file, kind, changes, unpinned, problems, skipped, warnings,
                           pinned, written; a skip is {line, where, reference, reason}, with
                           built: true for a compose image that is built; a warning is
                           {line, where, reference, message}); on a usage error or a file that cannot be read or
                           parsed, files is empty and errors holds {code, message, hint, file}
                           (exit 2); a file that cannot be written keeps its entry, with
                           written false and error, and its error is in errors too (exit 2)
  --kind K                 dockerfile, compose or workflow, when the file name does not tell
                           (Dockerfile*, *.dockerfile, [docker-]compose*.y[a]ml, *.compose.y[a]ml,
                           .github/workflows/*.y[a]ml). A Dockerfile name with a script,
                           document or backup extension (Dockerfile.sh, Dockerfile.txt,
                           Dockerfile.bak) is a Dockerfile when its first instruction is FROM
                           or ARG and it does not start with #!, as migrate DIR and check DIR
                           read it; otherwise it is refused (exit 2)
  --via, --insecure-registry, --registry-mirror   As for "alpinize resolve"

An image used through a YAML alias (image: *img) or a merge key (<<: *base) is pinned where
its anchor is written, which pins every use of that anchor at once.

Skipped with a warning, and counted as not pinned (exit 1 without --write): references
holding variables (\${VAR}: pin the value instead), values pin cannot rewrite in place (block
scalars, tags, escapes, values over several lines, and aliases whose anchor holds one or
cannot be found), an image key holding a list or mapping, COPY --from values split over lines or quoted. Skipped with a warning only: the image of a compose service
that also has build: (the name compose builds and tags; there is nothing to pull or pin).

COPY --from=\${X} on a global ARG X=<image> pins that ARG default, as podman and buildah
read the line; Docker's BuildKit refuses a variable in --from, so each such line also gets a
warning naming the form Docker builds (FROM \${X} AS tools, then COPY --from=tools). The
warning does not change the exit code.

Exit codes: 0 everything pinned (or written; --write also when it skipped some), 1 references
            left unpinned or skipped (plan or --check) or unresolvable, 2 bad input (missing
            file, unknown kind, malformed reference, YAML indented with tabs, an empty file, a
            Dockerfile with no FROM, a compose file or workflow of a shape compose or GitHub
            refuse (services: as a list, no jobs:, an unclosed [ or {), a compose image: that
            YAML reads as a number or boolean).
`;

const FLAGS = {
  write: { type: "boolean" },
  check: { type: "boolean" },
  json: { type: "boolean" },
  kind: { type: "string" },
  via: { type: "string" },
  "insecure-registry": { type: "string", multiple: true },
  "registry-mirror": { type: "string" },
} as const;

interface PinFlags {
  write?: boolean;
  check?: boolean;
  json?: boolean;
  kind?: string;
  via?: string;
  "insecure-registry"?: string[];
  "registry-mirror"?: string;
}

export async function run(argv: string[], rawIo: Io): Promise<number> {
  const io = showingRawBytes(rawIo);
  // --json always prints a document on stdout, also for a usage error or an unreadable file.
  return await withJsonErrors(
    wantsJson(argv),
    io,
    (err) => ({ files: [], errors: [errorJson(err)] }),
    () =>
      escapingErrors(async () => {
        const parsed = parseCommandArgs(argv, FLAGS, "pin");
        const { values, positionals } = parsed;
        if (positionals.length === 0) {
          throw missingOperand("pin", parsed, io.cwd, {
            message: "give at least one file",
            hint: "For example: alpinize pin Dockerfile compose.yaml --write",
          });
        }
        if (values.write && values.check)
          throw new UsageError("alpinize pin: --write and --check exclude each other");
        return await pin(values, positionals, io);
      }),
  );
}

async function pin(values: PinFlags, positionals: string[], io: Io): Promise<number> {
  const kind = values.kind as PinFileKind | undefined;
  if (kind !== undefined && !KINDS.includes(kind)) {
    throw new UsageError(
      `alpinize pin: --kind "${escapeInline(String(values.kind))}": expected ${KINDS.join(", ")}`,
    );
  }
  const inputs: PinInput[] = [];
  for (const file of positionals) inputs.push(await readPinInput(file, io.cwd, kind));
  const mode = values.write ? "write" : values.check ? "check" : "plan";
  const hardLinks: OtherLinksNote[] = [];
  const reports =
    mode === "check" ? inputs.map(checkFile) : await pinFiles(inputs, values, io, mode, hardLinks);
  if (values.json) {
    const errors = reports.flatMap((r) => (r.writeError ? [r.writeError.toJSON()] : []));
    const links = hardLinks.length > 0 ? { hardLinks } : {};
    io.out(rawBytesJson({ files: reports.map(reportToJson), errors, ...links }));
  } else {
    for (const report of reports) printReport(report, io, mode);
    io.err(io.style.dim(summarize(reports, mode)));
  }
  return exitCode(reports, mode);
}

function checkFile(input: PinInput): FileReport {
  const found = forFile(input, () => findUnpinned(input.kind, input.text));
  return {
    file: input.file,
    kind: input.kind,
    changes: [],
    unpinned: found.unpinned,
    problems: found.problems,
    skipped: found.skipped,
    warnings: found.warnings,
    pinned: found.unchanged.length,
    written: false,
  };
}

async function pinFiles(
  inputs: PinInput[],
  values: { via?: string; "insecure-registry"?: string[]; "registry-mirror"?: string },
  io: Io,
  mode: "write" | "plan",
  hardLinks: OtherLinksNote[],
): Promise<FileReport[]> {
  const resolver = resolverFromFlags("pin", values, io);
  try {
    const resolveCached = await prefetch(resolver, inputs, io);
    const reports: FileReport[] = [];
    const linked: (LinkedWrite & { target: string | undefined })[] = [];
    for (const input of inputs) {
      const result = await forFile(input, () => pinText(input.kind, input.text, resolveCached));
      const write = mode === "write" && result.text !== input.text;
      // One file that cannot be written does not stop the others: each report says whether
      // its file was written, and the failure is reported with its file (exit 2).
      let writeError: AlpinizeError | undefined;
      if (write) {
        const bytes = encode(input, result.text);
        writeError = await replaceFile(input.path, bytes, input.file, input.stamp).then(
          (others) => {
            const target = symlinkTarget(input.path);
            linked.push({ file: input.file, inode: input.inode, others, target });
            return undefined;
          },
          (err: unknown) => {
            if (isAlpinizeError(err)) return err;
            throw err;
          },
        );
      }
      reports.push({
        file: input.file,
        kind: input.kind,
        changes: result.changes,
        unpinned: [],
        problems: result.problems,
        skipped: result.skipped,
        warnings: result.warnings,
        pinned: result.unchanged.length,
        written: write && !writeError,
        ...(writeError ? { writeError } : {}),
      });
    }
    // As migrate --write: a file whose other names keep the old text is named, once all are written.
    for (const w of linksLeftBehind(linked)) {
      hardLinks.push(otherLinksNote(w.file, w.others, w.target));
      io.warn(hardLinks.at(-1)!.message);
    }
    reportWarnings(resolver, io);
    return reports;
  } finally {
    resolver.close();
  }
}

/** Resolves every reference of every file in one batch (one token request per registry). */
async function prefetch(resolver: Resolver, inputs: PinInput[], io: Io) {
  const all = new Set<string>();
  for (const input of inputs) {
    for (const at of forFile(input, () => locateImageReferences(input.kind, input.text))) {
      if (at.skip === undefined && !at.reference.includes("$")) all.add(at.reference);
    }
  }
  const outcomes = await resolveMany(resolver, [...all], {
    onProgress: progressReporter(io, "pinning"),
  });
  io.endProgress();
  const byReference = new Map(outcomes.map((o) => [o.reference, o]));
  return async (references: string[]): Promise<ResolveOutcome[]> =>
    references.map(
      (r) => byReference.get(r) ?? { reference: r, error: new Error(`${r} was not resolved`) },
    );
}

function exitCode(reports: FileReport[], mode: "write" | "check" | "plan"): number {
  if (reports.some((r) => r.writeError)) return EXIT.BAD_INPUT;
  const problems = reports.flatMap((r) => r.problems);
  const badInput = problems.some(
    (p) => isAlpinizeError(p.error) && p.error.exitCode === EXIT.BAD_INPUT,
  );
  if (badInput) return EXIT.BAD_INPUT;
  if (problems.length > 0) return EXIT.FINDINGS;
  if (mode === "check" && reports.some((r) => r.unpinned.length > 0)) return EXIT.FINDINGS;
  if (mode === "plan" && reports.some((r) => r.changes.length > 0)) return EXIT.FINDINGS;
  // A check fails closed: an image pin could not read is not known to be pinned. An image a
  // compose service builds has nothing to pin. --write did all it could; its warnings say what
  // it left.
  const unknown = reports.some((r) => r.skipped.some((s) => !s.built));
  if (mode !== "write" && unknown) return EXIT.FINDINGS;
  return EXIT.OK;
}

function summarize(reports: FileReport[], mode: "write" | "check" | "plan"): string {
  const count = (pick: (r: FileReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
  const parts = [
    `${count((r) => r.pinned)} already pinned`,
    mode === "check" ? `${count((r) => r.unpinned.length)} unpinned` : undefined,
    mode === "write" ? `${count((r) => (r.written ? r.changes.length : 0))} pinned now` : undefined,
    mode === "write" && reports.some((r) => r.writeError)
      ? `${count((r) => (r.writeError ? 1 : 0))} not written`
      : undefined,
    mode === "plan" ? `${count((r) => r.changes.length)} to pin` : undefined,
    `${count((r) => r.problems.length)} problems`,
    `${count((r) => r.skipped.length)} skipped`,
  ].filter(Boolean);
  const files = reports.length === 1 ? "1 file" : `${reports.length} files`;
  return `pin: ${files}: ${parts.join(", ")}`;
}
