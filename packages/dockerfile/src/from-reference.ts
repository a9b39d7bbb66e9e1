import { ImageReferenceError, parseImageReference } from "@alpinize/image-ref";
import { credentialsNote } from "./rules/images.js";

/**
 * The quotes around a whole FROM image word (`FROM "debian:bookworm"`, `FROM "${BASE}"`): how
 * many characters they take at each end, 0 when the word is not quoted that way. BuildKit reads
 * the image word as a shell word and takes the quotes off; a reference has none of its own, so
 * the text inside is the image. Single quotes around a `$` keep it literal in BuildKit (no
 * expansion), so those are left for {@link fromReferenceProblem} to explain.
 */
export function wholeWordQuotes(word: string): number {
  const q = word[0];
  if ((q !== '"' && q !== "'") || word.length < 2 || !word.endsWith(q)) return 0;
  const inside = word.slice(1, -1);
  if (inside.includes(q) || inside.includes("\\")) return 0;
  return q === "'" && inside.includes("$") ? 0 : 1;
}

/** How BuildKit's word reading takes quotes and backslashes off a word, as far as is needed here. */
interface ShellWord {
  /** The word with quotes and escapes taken off. */
  text: string;
  /** The quote left open at the end: BuildKit stops on it. */
  unclosed?: '"' | "'";
}

function readShellWord(word: string): ShellWord {
  let text = "";
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else text += c;
    } else if (c === "\\" && i + 1 < word.length) {
      text += word[++i];
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else text += c;
    } else if (c === '"' || c === "'") quote = c;
    else text += c;
  }
  return quote ? { text, unclosed: quote } : { text };
}

const QUOTE_NAMES = { '"': "double-quote", "'": "single-quote" } as const;

/**
 * What is wrong with the image a FROM names, as Docker would say it, or why alpinize cannot read
 * it; undefined when nothing is. `image` is the word as analyzeStages keeps it (quotes around
 * all of it already off); a stage name, `scratch`, a reference with credentials (their own
 * finding) and one still holding a variable without a value are not judged here.
 */
export function fromReferenceProblem(
  image: string,
  expanded: { text: string; unresolved: readonly string[] },
): string | undefined {
  if (/["'\\]/.test(image)) return quotingProblem(image);
  if (expanded.unresolved.length > 0 || expanded.text.includes("$")) return undefined;
  const text = expanded.text.trim();
  // Credentials have their own finding (from-credentials) and their own migrate warning.
  if (text.toLowerCase() === "scratch" || credentialsNote(text)) return undefined;
  try {
    parseImageReference(text, { defaultTag: false });
    return undefined;
  } catch (err) {
    if (!(err instanceof ImageReferenceError)) throw err;
    return invalidMessage(image, text, err.message);
  }
}

function quotingProblem(image: string): string {
  const read = readShellWord(image);
  if (read.unclosed) {
    return `FROM ${image}: the ${QUOTE_NAMES[read.unclosed]} is never closed, so Docker stops at this line ("unexpected end of statement while looking for matching ${QUOTE_NAMES[read.unclosed]}"); close it or drop the quotes`;
  }
  const literal = /'[^']*\$/.test(image) ? " (a $ inside single quotes is not expanded)" : "";
  return `FROM ${image}: BuildKit takes the quotes and backslashes off and builds on ${read.text}${literal}, but alpinize reads an image only without them or with quotes around all of it, so this stage was not checked or converted: write it as ${read.text}`;
}

function invalidMessage(image: string, text: string, reason: string): string {
  const why = reason.replace(/^invalid image reference "[^"]*": /, "");
  const shown = image === text ? image : `${image} (${text})`;
  const lower = text.toLowerCase();
  const fix =
    lower !== text && isValid(lower)
      ? `write it in lowercase: ${lower}`
      : "write it as [registry[:port]/]repository[:tag][@sha256:<64 hex>]";
  return `FROM ${shown}: Docker refuses this image reference ("invalid reference format": ${why}), so the build stops at this line; ${fix}`;
}

function isValid(text: string): boolean {
  try {
    parseImageReference(text, { defaultTag: false });
    return true;
  } catch {
    return false;
  }
}
