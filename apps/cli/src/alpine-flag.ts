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
}

/**
 * `--alpine X.Y`, checked and worded the same way by every command that takes it: the release,
 * or undefined when the flag is absent. `--alpine Dockerfile` (the file taken as the release)
 * and `--alpine edge` get one message, `--alpine 9.99` another, each naming the known releases.
 * A point release (`3.23.1`) is refused everywhere, with its branch as the fix: read as the
 * branch, `3.23.99` (no such release) would pass silently.
 */
export function alpineFlag(
  value: string | undefined,
  command: string,
  rules: AlpineFlagRules,
): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+\.\d+$/.test(value)) throw malformed(value, command, rules);
  if (!(KNOWN_RELEASES as readonly string[]).includes(value))
    throw new InputError(
      rules.unknownCode,
      `alpinize ${command}: unknown Alpine release ${quoteValue(value)}`,
      {
        hint: `alpinize knows Alpine ${KNOWN_RELEASES.join(", ")}: pass one with --alpine X.Y (default ${DEFAULT_RELEASE}).`,
        details: { release: value },
      },
    );
  return value;
}

function malformed(value: string, command: string, rules: AlpineFlagRules) {
  const message = `alpinize ${command}: --alpine needs a release like 3.23, not ${quoteValue(value)}`;
  const branch = /^(\d+\.\d+)\.\d+$/.exec(value)?.[1];
  const hint =
    branch === undefined
      ? `Put the release after --alpine (one of ${KNOWN_RELEASES.join(", ")}): alpinize ${command} --alpine ${DEFAULT_RELEASE} ${rules.operand}.`
      : `Give the branch, not a point release (its point releases share its packages): alpinize ${command} --alpine ${branch} ${rules.operand}.`;
  return rules.malformedCode === undefined
    ? new UsageError(message, { hint })
    : new InputError(rules.malformedCode, message, { hint, details: { release: value } });
}
