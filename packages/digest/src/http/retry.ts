import { DIGEST_ERRORS, ResolveError } from "../errors.js";
import { type HttpResponse, isTimeout } from "./transport.js";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff; doubles each time, with up to 50% random jitter added. */
  baseDelayMs: number;
  /** Longest wait we accept from a `Retry-After`; beyond it we give up at once. */
  maxRetryAfterMs: number;
  /**
   * Longest `Retry-After` a 429 is retried after. A 429 without one (Docker Hub sends none), with
   * an unusable one or a longer one is final at once: retrying sooner only spends more of the limit.
   */
  maxRateLimitWaitMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 3,
  baseDelayMs: 200,
  maxRetryAfterMs: 60_000,
  maxRateLimitWaitMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** 408, 429 and 5xx are worth another try; 401/403/404 and the rest are answers. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "\\d{2}:\\d{2}:\\d{2}";
/** RFC 9110's three HTTP-date forms; Date.parse alone takes "-5" or "5" for a day in 2001. */
const HTTP_DATES = [
  new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`),
  new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`),
];
const ASCTIME = new RegExp(`^${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`);

/**
 * `Retry-After` in ms from now: delay-seconds, or an HTTP date (one already past is 0).
 * Undefined when absent or unusable: negative, a fraction, words, a date in another form.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim() ?? "";
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // asctime carries no zone; HTTP dates are GMT.
  const date = ASCTIME.test(text)
    ? Date.parse(`${text} GMT`)
    : HTTP_DATES.some((form) => form.test(text))
      ? Date.parse(text)
      : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
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
    if (res?.status === 429 && (asked === undefined || asked > policy.maxRateLimitWaitMs))
      return res;
    if (asked !== undefined && asked > policy.maxRetryAfterMs) return res!;
    await policy.sleep(asked ?? backoff(n, policy.baseDelayMs));
  }
}

function backoff(attempt: number, base: number): number {
  const delay = base * 2 ** attempt;
  return delay + Math.random() * delay * 0.5;
}
