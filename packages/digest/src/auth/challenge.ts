export interface Challenge {
  /** Lowercased scheme: `bearer`, `basic`, … */
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses a `WWW-Authenticate` value that may hold several challenges, e.g.
 * `Bearer realm="https://auth.example/token",service="reg",scope="repository:a:pull", Basic realm="x"`.
 */
export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  const text = Array.isArray(header) ? header.join(", ") : (header ?? "");
  const out: Challenge[] = [];
  let i = 0;
  const skip = (chars: RegExp) => {
    while (i < text.length && chars.test(text[i]!)) i++;
  };
  const token = () => {
    const start = i;
    while (i < text.length && /[A-Za-z0-9!#$%&'*+.^_`|~-]/.test(text[i]!)) i++;
    return text.slice(start, i);
  };
  while (i < text.length) {
    skip(/[\s,]/);
    const word = token();
    if (word === "") {
      i++;
      continue;
    }
    skip(/\s/);
    if (text[i] === "=" && out.length > 0) {
      i++;
      skip(/\s/);
      out[out.length - 1]!.params[word.toLowerCase()] = readValue();
      continue;
    }
    out.push({ scheme: word.toLowerCase(), params: {} });
  }
  return out;

  function readValue(): string {
    if (text[i] !== '"') return token();
    i++;
    let value = "";
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\" && i + 1 < text.length) i++;
      value += text[i];
      i++;
    }
    i++;
    return value;
  }
}

/** Bearer wins over Basic; undefined when neither is offered. */
export function pickChallenge(challenges: Challenge[]): Challenge | undefined {
  return (
    challenges.find((c) => c.scheme === "bearer" && c.params.realm) ??
    challenges.find((c) => c.scheme === "basic")
  );
}

/**
 * A Bearer challenge with an empty or missing realm, and nothing `pickChallenge` could answer:
 * the registry wants a token but names nowhere to get one.
 */
export function hasRealmlessBearer(header: string | string[] | undefined): boolean {
  const challenges = parseChallenges(header);
  return (
    pickChallenge(challenges) === undefined &&
    challenges.some((c) => c.scheme === "bearer" && !c.params.realm)
  );
}
