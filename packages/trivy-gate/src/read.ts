import { open } from "node:fs/promises";
import { fsReason, InputError, isLinkLoop, LINK_LOOP_HINT } from "@alpinize/errors";
import { checkSize, DEFAULT_MAX_BYTES, parseTrivyReport } from "./parse/report.js";
import type { Report } from "./types.js";

/** Reads and parses a report file, refusing files over `maxBytes` before reading them. */
export async function readReportFile(
  path: string,
  options: { maxBytes?: number; source?: string } = {},
): Promise<Report> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const source = options.source ?? path;
  let buf: Buffer;
  try {
    const handle = await open(path, "r");
    try {
      const info = await handle.stat();
      if (info.isDirectory())
        throw new InputError(
          "ALPINIZE_GATE_REPORT_UNREADABLE",
          `${source}: is a directory: give the report file`,
          {
            hint: "Pass the JSON file Trivy wrote (trivy image --format json --output report.json REF).",
            details: { file: source },
          },
        );
      checkSize(info.size, source, maxBytes);
      buf = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      "ALPINIZE_GATE_REPORT_UNREADABLE",
      `${source}: cannot read the report (${isLinkLoop(err) ? fsReason(err) : (code ?? String(err))})`,
      {
        hint: isLinkLoop(err)
          ? LINK_LOOP_HINT
          : code === "ENOENT"
            ? "Check the path; run Trivy with --output to write the report first."
            : "Check the file's permissions.",
        details: { file: source },
        cause: err,
      },
    );
  }
  return parseTrivyReport(buf, { source, maxBytes });
}
