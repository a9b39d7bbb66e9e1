export interface PushCredentials {
  username: string;
  password: string;
}

/**
 * A deliberately small registry client for pushing test content: it answers one auth challenge
 * (Basic, or Bearer with a push+pull token) and retries the request once.
 */
export class PushClient {
  private authorization: string | undefined;

  constructor(
    private readonly base: string,
    private readonly repository: string,
    private readonly credentials: PushCredentials | undefined,
  ) {}

  async request(method: string, pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(pathOrUrl, this.base);
    const send = () =>
      fetch(url, {
        ...init,
        method,
        redirect: "manual",
        headers: {
          ...(init.headers as Record<string, string> | undefined),
          ...(this.authorization ? { authorization: this.authorization } : {}),
        },
      });
    let res = await send();
    if (res.status === 401) {
      await res.arrayBuffer();
      this.authorization = await this.answerChallenge(res.headers.get("www-authenticate") ?? "");
      res = await send();
    }
    return res;
  }

  async expect(
    method: string,
    path: string,
    status: number,
    init: RequestInit = {},
  ): Promise<Response> {
    const res = await this.request(method, path, init);
    if (res.status !== status) {
      const text = await res.text();
      throw new Error(
        `push: ${method} ${path} answered ${res.status}, expected ${status}: ${text}`,
      );
    }
    return res;
  }

  private async answerChallenge(header: string): Promise<string> {
    const basic = this.credentials
      ? `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString("base64")}`
      : undefined;
    if (/^basic\b/i.test(header)) {
      if (!basic) throw new Error("push: the registry wants Basic auth; pass credentials");
      return basic;
    }
    const params = challengeParams(header);
    if (!/^bearer\b/i.test(header) || !params.realm) {
      throw new Error(`push: unsupported challenge "${header}"`);
    }
    const tokenUrl = new URL(params.realm);
    if (params.service) tokenUrl.searchParams.set("service", params.service);
    tokenUrl.searchParams.set("scope", `repository:${this.repository}:pull,push`);
    const res = await fetch(tokenUrl, { headers: basic ? { authorization: basic } : {} });
    if (!res.ok) throw new Error(`push: token request answered ${res.status}`);
    const body = (await res.json()) as { token?: string; access_token?: string };
    return `Bearer ${body.token ?? body.access_token}`;
  }
}

function challengeParams(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/(\w+)="([^"]*)"/g)) params[match[1]!] = match[2]!;
  return params;
}
