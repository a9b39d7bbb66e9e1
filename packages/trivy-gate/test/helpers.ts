import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusPath, corpusSkipReason } from "@alpinize/testkit";
import { parseTrivyReport, type Report } from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(here, "fixtures");
/** The shared corpus's Trivy reports (ALPINIZE_CORPUS_DIR, else ../shared/corpus). */
export const CORPUS = corpusPath("trivy");
const skipped = corpusSkipReason(CORPUS);
export const HAVE_CORPUS = skipped === undefined;
if (skipped) console.warn(`skipping corpus tests: ${skipped}`);

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
