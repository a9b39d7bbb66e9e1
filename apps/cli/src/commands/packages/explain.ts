import { EXIT } from "@alpinize/errors";
import type { Io } from "../../io.js";
import { parsePackagesArgs } from "./options.js";
import { printUsesWarnings, withUsesWarning } from "./uses-warning.js";

export async function runExplain(argv: string[], io: Io): Promise<number> {
  const args = parsePackagesArgs(argv, "packages explain", "one");
  const name = args.names[0]!;
  const explained = args.map.explain(name, args.commands ? { commands: args.commands } : {});
  const result = {
    ...explained,
    decision: withUsesWarning(explained.decision, args.map, args.commands),
  };
  printUsesWarnings([result.decision], "packages explain", io);
  if (args.json) {
    io.out(JSON.stringify(result, null, 2));
  } else {
    const d = result.decision;
    const target = d.alpine.length > 0 ? d.alpine.join(" ") : "(nothing)";
    io.out(`${io.style.bold(d.debian)} → ${target} on Alpine ${result.release} [${d.kind}]`);
    result.steps.forEach((s, i) => {
      io.out(`  ${i + 1}. ${io.style.cyan(s.layer)}: ${s.detail}`);
    });
    if (d.candidates?.length) io.out(`  closest Alpine names: ${d.candidates.join(", ")}`);
  }
  return result.decision.kind === "unknown" ? EXIT.FINDINGS : EXIT.OK;
}
