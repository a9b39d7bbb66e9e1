import { isAlpinizeError } from "@alpinize/errors";
import type { ImageReference } from "@alpinize/image-ref";
import { parseRegistryReference } from "./reference.js";
import type { Resolver } from "./resolver.js";
import type { ResolvedImage, ResolveOptions } from "./types.js";

export interface ResolveOutcome {
  /** The reference as given. */
  reference: string;
  result?: ResolvedImage;
  /** An AlpinizeError: exitCode 2 for a malformed reference, 1 for one that could not be resolved. */
  error?: Error;
}

export interface Progress {
  done: number;
  total: number;
  /** The reference that just finished. */
  reference: string;
}

export interface ResolveManyOptions extends ResolveOptions {
  onProgress?: (progress: Progress) => void;
}

/**
 * Resolves many references with one token request per registry where it can, parallel requests
 * over kept-alive connections, and each distinct reference asked once. Outcomes keep input order;
 * a failure is reported in its outcome and never stops the others.
 */
export async function resolveMany(
  resolver: Resolver,
  references: string[],
  options: ResolveManyOptions = {},
): Promise<ResolveOutcome[]> {
  const parsed: (ImageReference | undefined)[] = [];
  const outcomes: ResolveOutcome[] = references.map((reference) => {
    try {
      parsed.push(parseRegistryReference(reference));
      return { reference };
    } catch (err) {
      parsed.push(undefined);
      return { reference, error: err as Error };
    }
  });
  await resolver.prepare(parsed.filter((r): r is ImageReference => r !== undefined));
  const distinct = new Map<string, Promise<ResolvedImage>>();
  const pending = outcomes.map((_o, i) => i).filter((i) => parsed[i] !== undefined);
  const total = references.length;
  let done = total - pending.length;
  const worker = async () => {
    for (let i = pending.shift(); i !== undefined; i = pending.shift()) {
      const outcome = outcomes[i]!;
      let flight = distinct.get(outcome.reference);
      if (!flight) {
        flight = resolver.resolve(outcome.reference, options);
        distinct.set(outcome.reference, flight);
      }
      try {
        outcome.result = await flight;
      } catch (err) {
        outcome.error = isAlpinizeError(err) ? err : (err as Error);
      }
      done++;
      options.onProgress?.({ done, total, reference: outcome.reference });
    }
  };
  const workers = Math.max(1, Math.min(resolver.concurrency, pending.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}
