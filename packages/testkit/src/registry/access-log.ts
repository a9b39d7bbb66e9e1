/** One line of the registry's combined-format access log. */
export interface AccessLogEntry {
  method: string;
  /** Path and query as requested, e.g. `/v2/app/manifests/1.0`. */
  path: string;
  status: number;
  /** The whole line, for debugging. */
  line: string;
}

const COMBINED = /"([A-Z]+) (\S+) HTTP\/[0-9.]+" (\d{3}) /;

export function parseAccessLine(line: string): AccessLogEntry | undefined {
  const match = COMBINED.exec(line);
  if (!match) return undefined;
  return { method: match[1]!, path: match[2]!, status: Number(match[3]), line };
}
