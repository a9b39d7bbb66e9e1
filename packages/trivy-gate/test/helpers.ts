import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseTrivyReport, type Report } from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, "fixtures");
/** The shared corpus sits next to the repository (CI has it at the same relative place). */
export const CORPUS = resolve(here, "../../../../shared/corpus/trivy");
export const HAVE_CORPUS = existsSync(CORPUS);
if (!HAVE_CORPUS) console.warn(`skipping corpus tests: ${CORPUS} is absent`);

export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));
export const load = (name: string): Report => parseTrivyReport(fixture(name), { source: name });

export function corpusFiles(): string[] {
  if (!HAVE_CORPUS) return [];
  return readdirSync(CORPUS).filter((f) => f.endsWith(".json") || f.endsWith(".json.golden"));
}
export const corpus = (name: string): Buffer => readFileSync(join(CORPUS, name));
export const loadCorpus = (name: string): Report =>
  parseTrivyReport(corpus(name), { source: name });

/** The error a function throws (fails the test if it does not throw). */
export function thrown(fn: () => unknown): Error & { code?: string; exitCode?: number } {
  try {
    fn();
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error("expected an error, none was thrown");
}
