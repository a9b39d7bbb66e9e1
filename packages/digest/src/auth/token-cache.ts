interface Entry {
  token: string;
  expiresAt: number;
}

/** Bearer tokens per registry and scope, until shortly before they expire. */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  get(registry: string, scope: string): string | undefined {
    const entry = this.entries.get(`${registry} ${scope}`);
    if (!entry || entry.expiresAt <= this.now()) return undefined;
    return entry.token;
  }

  /** `expiresIn` in seconds; the spec's default is 60. A tenth (at least 5 s) is kept in hand. */
  set(registry: string, scopes: string[], token: string, expiresIn = 60): void {
    const margin = Math.max(5, expiresIn / 10);
    const expiresAt = this.now() + Math.max(0, expiresIn - margin) * 1000;
    for (const scope of scopes) this.entries.set(`${registry} ${scope}`, { token, expiresAt });
  }

  delete(registry: string, scope: string): void {
    this.entries.delete(`${registry} ${scope}`);
  }
}

export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}
