import { execFileSync } from "node:child_process";
import { createPackageMap, type PackageMap } from "@alpinize/package-map";
import { type MigrateOptions, type MigrateResult, migrateDockerfile } from "../src/index.js";
import { parseDockerfile, splitFlags } from "../src/parse/dockerfile.js";

const maps = new Map<string, PackageMap>();

/** The real package map for a release, built once per test file. */
export function packageMap(release = "3.23"): PackageMap {
  let map = maps.get(release);
  if (!map) {
    map = createPackageMap({ release });
    maps.set(release, map);
  }
  return map;
}

/** Migrates for Alpine 3.23 and checks the two invariants every result must keep. */
export function migrate(text: string, options: MigrateOptions = {}): MigrateResult {
  const release = options.release ?? "3.23";
  const result = migrateDockerfile(text, { packageMap: packageMap(release), release, ...options });
  const again = migrateDockerfile(result.output, {
    packageMap: packageMap(release),
    release,
    ...options,
  });
  if (again.output !== result.output) {
    throw new Error(`not idempotent:\n${result.output}\n---- second run ----\n${again.output}`);
  }
  assertRunsParse(result.output);
  return result;
}

/** Every shell-form RUN body of the text passes `sh -n`. */
export function assertRunsParse(text: string): void {
  const doc = parseDockerfile(text);
  for (const ins of doc.instructions) {
    if (ins.keyword !== "RUN" || ins.form === "exec") continue;
    const bodies =
      ins.heredocs.length > 0 && /^\s*(?:--\S+\s+)*<</.test(ins.args.text)
        ? ins.heredocs.map((h) => text.slice(h.bodyStart, h.bodyEnd))
        : [ins.args.text.slice(splitFlags(ins.args.text).rest)];
    for (const body of bodies) {
      try {
        execFileSync("sh", ["-n", "-c", body], { stdio: "pipe" });
      } catch (err) {
        const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? String(err);
        throw new Error(`RUN at line ${ins.line} no longer parses: ${stderr}\n${body}`);
      }
    }
  }
}

export function rules(result: MigrateResult): string[] {
  return result.warnings.map((w) => w.rule);
}
