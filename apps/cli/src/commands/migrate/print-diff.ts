import { encodeText } from "@alpinize/repo";
import type { Io } from "../../io.js";
import { unifiedDiff } from "./diff.js";
import { MASKED_DIFF, maskDiffSecrets } from "./diff-secrets.js";

/**
 * The unified diff of FILE's rewrite on stdout (`migrate FILE`, `entrypoint FILE`), nothing when
 * unchanged; with colour, added lines green, removed red, hunk headers cyan. Written as the file's
 * own bytes (encodeText), so patch and git apply take it for a file that is not UTF-8 too.
 */
export function printUnifiedDiff(io: Io, before: string, after: string, file: string): void {
  const raw = unifiedDiff(before, after, file === "-" ? "stdin" : file);
  if (raw === "") return;
  // Credentials in the file (context or removed lines) are never printed.
  const { text: diff, masked } = maskDiffSecrets(raw);
  if (masked) {
    io.warn(`${file}: ${MASKED_DIFF}`);
  }
  if (!io.color) {
    io.stdout.write(encodeText(diff));
    return;
  }
  io.stdout.write(
    encodeText(
      diff
        .split("\n")
        .map((line) => paint(io, line))
        .join("\n"),
    ),
  );
}

function paint(io: Io, line: string): string {
  if (line.startsWith("+") && !line.startsWith("+++")) return io.style.green(line);
  if (line.startsWith("-") && !line.startsWith("---")) return io.style.red(line);
  return line.startsWith("@@") ? io.style.cyan(line) : line;
}
