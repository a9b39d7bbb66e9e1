import { DIGEST_ERRORS, ResolveError } from "../errors.js";
import { type HttpResponse, isTimeout } from "./transport.js";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff; doubles each time, with up to 50% random jitter added. */
  baseDelayMs: number;
  /** Longest wait we accept from a `Retry-After`; beyond it we give up at once. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 3,
  baseDelayMs: 200,
  maxRetryAfterMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** 408, 429 and 5xx are worth another try; 401/403/404 and the rest are answers. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** `Retry-After` in seconds or as an HTTP date, in ms from now; undefined when absent or bad. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Runs `attempt` until it gives a non-retryable answer or the retries run out. Network failures
 * (ALPINIZE_DIGEST_UNREACHABLE) are retried too, except timeouts; every other error is final.
 */
export async function withRetry(
  attempt: () => Promise<HttpResponse>,
  policy: RetryPolicy,
): Promise<HttpResponse> {
  for (let n = 0; ; n++) {
    let res: HttpResponse | undefined;
    try {
      res = await attempt();
    } catch (err) {
      const retryable =
        err instanceof ResolveError &&
        err.code === DIGEST_ERRORS.unreachable &&
        !isTimeout(err.cause);
      if (!retryable || n >= policy.retries) throw err;
    }
    if (res && (!isRetryableStatus(res.status) || n >= policy.retries)) return res;
    const header = res?.headers["retry-after"];
    const asked = parseRetryAfter(Array.isArray(header) ? header[0] : header, policy.now());
    if (asked !== undefined && asked > policy.maxRetryAfterMs) return res!;
    await policy.sleep(asked ?? backoff(n, policy.baseDelayMs));
  }
}

function backoff(attempt: number, base: number): number {
  const delay = base * 2 ** attempt;
  return delay + Math.random() * delay * 0.5;
}
