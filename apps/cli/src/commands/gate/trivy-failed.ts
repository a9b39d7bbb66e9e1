import { AlpinizeError, EXIT } from "@alpinize/errors";
import { escapeControl, escapeInline } from "@alpinize/image-ref";
import { credentialFileSecrets } from "./credential-files.js";
import { hideValues, maskLogLine, secretValues } from "./log-mask.js";

/** How a `trivy` run ended. */
export interface Ran {
  code: number | null;
  stderr: string;
  missing: boolean;
}

const HINT =
  "A scan error is not a policy verdict: fix the scan (image name, registry access, Trivy DB) and retry.";

/**
 * The error for a failed scan, with the end of Trivy's log. Trivy may have taken credentials
 * from Docker's or Podman's credentials files and may log them as they are, which no pattern
 * recognises, so every credential those files hold is hidden too; when one of them exists but
 * cannot be read, its credentials are unknown and the log is not shown at all.
 */
export async function trivyFailed(
  command: string,
  ran: Ran,
  env: NodeJS.ProcessEnv,
): Promise<AlpinizeError> {
  const files = await credentialFileSecrets(env);
  const options = { exitCode: EXIT.BAD_INPUT, hint: HINT };
  if (files.unread.length === 0) {
    const log = stderrTail(ran.stderr, 3, secretValues(env, files));
    return new AlpinizeError(
      "ALPINIZE_GATE_TRIVY_FAILED",
      `${command} failed (exit ${ran.code})${log}`,
      options,
    );
  }
  const unread = files.unread.map(escapeInline).join(", ");
  return new AlpinizeError(
    "ALPINIZE_GATE_TRIVY_FAILED",
    `${command} failed (exit ${ran.code}); its log is not shown: it may hold credentials from ${unread}, which could not be read to hide them`,
    {
      ...options,
      hint: `Fix or remove that file (Trivy reads it too) and retry, or run ${command} yourself to read its log. ${HINT}`,
    },
  );
}

/**
 * The last lines Trivy wrote to stderr, one per line and indented, for the error message. Its
 * log can carry text from the registry or the image (names, server errors): control characters
 * are shown as `\xNN`, so an ESC or BEL there cannot drive the terminal the error is read on.
 * Its log can also carry credentials (a token URL it fetched, an `Authorization` header, the
 * password it was given): `secrets` (from `secretValues`) are hidden wherever they appear, and
 * each line is masked as report text is, plus `Bearer`/`Basic` credentials.
 */
export function stderrTail(stderr: string, lines = 3, secrets: readonly string[] = []): string {
  const tail = hideValues(stderr, secrets)
    .split("\n")
    .map((line) => line.replace(/\r$/, "").trimEnd())
    .filter(Boolean)
    .slice(-lines);
  return tail.length
    ? `:\n${tail.map((l) => `  ${escapeControl(maskLogLine(l))}`).join("\n")}`
    : "";
}
