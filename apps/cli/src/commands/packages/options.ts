import { InputError, UsageError } from "@alpinize/errors";
import { createPackageMap, isDebianPackageName, type PackageMap } from "@alpinize/package-map";
import { alpineFlag } from "../../alpine-flag.js";
import { parseCommandArgs } from "../../args.js";
import { missingOperand } from "../../missing-operand.js";

export interface PackagesArgs {
  map: PackageMap;
  names: string[];
  commands: string[] | undefined;
  json: boolean;
}

const OPTIONS = {
  alpine: { type: "string" },
  uses: { type: "string", multiple: true },
  json: { type: "boolean" },
} as const;

/** A name as quoted in an error: long input is cut, so one bad argument cannot flood the terminal. */
const quoted = (name: string) => JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);

export function parsePackagesArgs(
  argv: string[],
  command: string,
  count: "one" | "many" = "many",
): PackagesArgs {
  const parsed = parseCommandArgs(argv, OPTIONS, command, {
    operand: { name: "package name", give: "a Debian package name such as libssl-dev" },
  });
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    // `packages map --uses curl`: --uses took the name; no cwd, the test is the name's form.
    throw missingOperand(command, parsed, "", {
      message:
        count === "one"
          ? "give exactly one Debian package name"
          : "give at least one Debian package name",
      hint: `Example: alpinize ${command} libssl-dev`,
      looksLikeOperand: isDebianPackageName,
    });
  }
  if (count === "one" && positionals.length > 1) {
    throw new UsageError(`alpinize ${command}: give exactly one Debian package name`, {
      hint: 'Use "alpinize packages map A B C" for several names.',
    });
  }
  const bad = positionals.filter((n) => !isDebianPackageName(n));
  if (bad.length > 0) {
    throw new InputError(
      "ALPINIZE_PACKAGES_BAD_NAME",
      `alpinize ${command}: not a valid Debian package name: ${bad.slice(0, 5).map(quoted).join(", ")}${bad.length > 5 ? ` and ${bad.length - 5} more` : ""}`,
      {
        hint: "Debian names use lower-case letters, digits and + - . (two characters or more); drop version pins like =1.2.",
        details: { names: bad },
      },
    );
  }
  const release = alpineFlag(values.alpine, command, {
    operand: "NAME",
    unknownCode: "ALPINIZE_PACKAGES_UNKNOWN_RELEASE",
    malformedCode: "ALPINIZE_PACKAGES_UNKNOWN_RELEASE",
  });
  const commands = values.uses?.flatMap((u) => u.split(/[\s,]+/)).filter(Boolean);
  // `--uses ,`: given, yet naming no command; read as "not given" it would widen the answer.
  if (commands?.length === 0)
    throw new UsageError(`alpinize ${command}: --uses names no command`, {
      hint: "Name the commands the image runs, e.g. --uses curl,git; or leave --uses out.",
    });
  return {
    map: createPackageMap(release === undefined ? {} : { release }),
    names: positionals,
    commands,
    json: values.json === true,
  };
}
