import { EXIT } from "@alpinize/errors";
import type { PackageDecision } from "@alpinize/package-map";
import type { Io } from "../../io.js";
import { parsePackagesArgs } from "./options.js";
import { printUsesWarnings, withUsesWarning } from "./uses-warning.js";

export async function runMap(argv: string[], io: Io): Promise<number> {
  const args = parsePackagesArgs(argv, "packages map");
  const context = args.commands ? { commands: args.commands } : {};
  const decisions = args.names.map((name) =>
    withUsesWarning(args.map.map(name, context), args.map, args.commands),
  );
  printUsesWarnings(decisions, "packages map", io);
  if (args.json) io.out(JSON.stringify(decisions, null, 2));
  else io.out(formatTable(decisions, io));
  return decisions.some((d) => d.kind === "unknown") ? EXIT.FINDINGS : EXIT.OK;
}

function formatTable(decisions: PackageDecision[], io: Io): string {
  const width = Math.max(...decisions.map((d) => d.debian.length));
  const lines = decisions.map((d) => {
    const target =
      d.kind === "none" ? "(nothing)" : d.kind === "unknown" ? "?" : d.alpine.join(" ");
    const kind =
      d.kind === "unknown"
        ? io.style.red(d.kind)
        : d.kind === "exact"
          ? io.style.dim(d.kind)
          : io.style.cyan(d.kind);
    const more = d.candidates?.length ? `; closest: ${d.candidates.join(", ")}` : "";
    return `${d.debian.padEnd(width)}  ${target}  [${kind}] ${io.style.dim(`${d.reason}${more}`)}`;
  });
  return lines.join("\n");
}
