import type { IncomingHttpHeaders } from "node:http";

/** What a registry says about its pull limits (Docker Hub's `ratelimit-*` headers). */
export interface RateLimit {
  /** e.g. `100;w=21600`: 100 pulls per 6 hours. */
  limit?: string;
  remaining?: string;
  /** `docker-ratelimit-source`: the IP or account the limit is counted against. */
  source?: string;
}

export function readRateLimit(headers: IncomingHttpHeaders): RateLimit | undefined {
  const pick = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const limit = pick("ratelimit-limit");
  const remaining = pick("ratelimit-remaining");
  const source = pick("docker-ratelimit-source");
  if (limit === undefined && remaining === undefined && source === undefined) return undefined;
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(source !== undefined ? { source } : {}),
  };
}
