// Loading the built packages a benchmark measures (`pnpm build` first).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** packages/NAME/dist/index.js */
export const distOf = (name) => join(root, "packages", name, "dist", "index.js");

/**
 * Imports the built packages by name, or exits 2 naming the ones not built yet: the benchmark
 * cannot run, which is not a failed measurement.
 */
export async function loadPackages(bench, names) {
  const missing = names.filter((name) => !existsSync(distOf(name)));
  if (missing.length > 0) {
    console.error(
      `bench/${bench}: build first (pnpm build): no dist for ${missing.map((n) => `packages/${n}`).join(", ")}`,
    );
    process.exit(2);
  }
  const modules = await Promise.all(names.map((name) => import(pathToFileURL(distOf(name)).href)));
  return Object.assign({}, ...modules);
}

/**
 * The whole number after `--name` on the command line, or `fallback`; exits 2 when it is not a
 * whole number of at least `min`.
 */
export function intFlag(bench, name, fallback, min = 1) {
  const at = process.argv.indexOf(name);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench/${bench}: ${name} needs a whole number of at least ${min}`);
    process.exit(2);
  }
  return value;
}
