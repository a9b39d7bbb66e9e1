import { InputError, UsageError } from "@alpinize/errors";
import { createPackageMap, isDebianPackageName, type PackageMap } from "@alpinize/package-map";
import { parseCommandArgs } from "../../args.js";

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

export function parsePackagesArgs(argv: string[], command: string): PackagesArgs {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, command);
  if (positionals.length === 0) {
    throw new UsageError(`alpinize ${command}: give at least one Debian package name`, {
      hint: `Example: alpinize ${command} libssl-dev`,
    });
  }
  const bad = positionals.filter((n) => !isDebianPackageName(n));
  if (bad.length > 0) {
    throw new InputError(
      "ALPINIZE_PACKAGES_BAD_NAME",
      `not a valid Debian package name: ${bad.map((n) => JSON.stringify(n)).join(", ")}`,
      {
        hint: "Debian names use lower-case letters, digits and + - . (two characters or more); drop version pins like =1.2.",
        details: { names: bad },
      },
    );
  }
  const release = values.alpine;
  if (release !== undefined && !/^\d+\.\d+$/.test(release)) {
    throw new InputError(
      "ALPINIZE_PACKAGES_UNKNOWN_RELEASE",
      `--alpine ${JSON.stringify(release)} is not an Alpine release like 3.23`,
      {
        hint: "Pass --alpine X.Y, e.g. --alpine 3.23.",
      },
    );
  }
  const commands = values.uses
    ?.flatMap((u) => u.split(","))
    .map((u) => u.trim())
    .filter(Boolean);
  return {
    map: createPackageMap(release === undefined ? {} : { release }),
    names: positionals,
    commands: commands && commands.length > 0 ? commands : undefined,
    json: values.json === true,
  };
}
