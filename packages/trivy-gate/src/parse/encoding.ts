import { InputError } from "@alpinize/errors";

/**
 * UTF-16 or UTF-32, from a byte order mark or, without one, from where the NUL bytes sit in the
 * first characters (JSON and YAML start with ASCII, which those encodings pad with NULs).
 */
export function wideEncoding(buf: Uint8Array): string | undefined {
  const [a, b, c, d] = [buf[0], buf[1], buf[2], buf[3]];
  if (a === 0xff && b === 0xfe) return c === 0 && d === 0 ? "UTF-32" : "UTF-16";
  if (a === 0xfe && b === 0xff) return "UTF-16";
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return "UTF-32";
  if (buf.length < 2) return undefined;
  if (buf.length >= 4 && ((a === 0 && b === 0 && c === 0) || (b === 0 && c === 0 && d === 0)))
    return "UTF-32";
  if (a === 0 || b === 0) return "UTF-16";
  return undefined;
}

/** Throws when the input is UTF-16/UTF-32, which would otherwise read as "not valid JSON". */
export function checkEncoding(buf: Uint8Array, source: string, what: string, code: string): void {
  const encoding = wideEncoding(buf);
  if (!encoding) return;
  throw new InputError(
    code,
    `${source}: ${what} is ${encoding}; re-save as UTF-8 (PowerShell: -Encoding utf8)`,
    {
      // Trivy writes the report, so it can write it right; the policy files are kept by hand.
      hint:
        what === "report"
          ? "PowerShell's `>` and Out-File write UTF-16 by default: let Trivy write the file itself (--output FILE), or pipe through `Out-File -Encoding utf8`."
          : `Save the ${what} as UTF-8: in an editor, pick UTF-8 when saving; PowerShell's \`>\` and Out-File write UTF-16 by default, so use \`Set-Content -Encoding utf8\` or \`Out-File -Encoding utf8\`.`,
      details: { file: source, encoding },
    },
  );
}
