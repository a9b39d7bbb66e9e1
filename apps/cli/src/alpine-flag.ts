import { InputError, UsageError } from "@alpinize/errors";
import { DEFAULT_RELEASE, KNOWN_RELEASES } from "@alpinize/package-map";
import { quoteValue } from "./args.js";

export interface AlpineFlagRules {
  /** What follows the flag in the example command: `FILE`, `NAME`… */
  operand: string;
  /** Error code of a release alpinize has no package data for (`9.99`), an InputError. */
  unknownCode: string;
  /** Error code of a value that is no release at all (`edge`); a usage error when absent. */
  malformedCode?: string;
  /** Whether a point release (`3.23.2`) is read as its branch (`3.23`). */
  pointReleases?: boolean;
}

/**
 * `--alpine X.Y`, checked and worded the same way by every command that takes it: the release,
 * or undefined when the flag is absent. `--alpine Dockerfile` (the file taken as the release)
 * and `--alpine edge` get one message, `--alpine 9.99` another, each naming the known releases.
 */
export function alpineFlag(
  value: string | undefined,
  command: string,
  rules: AlpineFlagRules,
): string | undefined {
  if (value === undefined) return undefined;
  const release = rules.pointReleases ? value.replace(/^(\d+\.\d+)\.\d+$/, "$1") : value;
  if (!/^\d+\.\d+$/.test(release)) throw malformed(value, command, rules);
  if (!(KNOWN_RELEASES as readonly string[]).includes(release))
    throw new InputError(
      rules.unknownCode,
      `alpinize ${command}: unknown Alpine release ${quoteValue(release)}`,
      {
        hint: `alpinize knows Alpine ${KNOWN_RELEASES.join(", ")}: pass one with --alpine X.Y (default ${DEFAULT_RELEASE}).`,
        details: { release },
      },
    );
  return release;
}

function malformed(value: string, command: string, rules: AlpineFlagRules) {
  const message = `alpinize ${command}: --alpine needs a release like 3.23, not ${quoteValue(value)}`;
  const hint = `Put the release after --alpine (one of ${KNOWN_RELEASES.join(", ")}): alpinize ${command} --alpine ${DEFAULT_RELEASE} ${rules.operand}.`;
  return rules.malformedCode === undefined
    ? new UsageError(message, { hint })
    : new InputError(rules.malformedCode, message, { hint, details: { release: value } });
}
