/**
 * The ways a Go program such as Trivy can write a secret it was given: as written,
 * `encodeURIComponent`'s form, Go's `url.QueryEscape` (space as `+`, `!'()*` escaped) and
 * `url.PathEscape` (`$&+:=@` kept, `,;/?` escaped). Hiding only one would print the others.
 */
export function secretEncodings(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret)]);
  forms.add(escapeExcept(secret, GO_UNRESERVED).replace(/%20/g, "+"));
  forms.add(escapeExcept(secret, `${GO_UNRESERVED}$&+:=@`));
  return [...forms];
}

/**
 * The `Basic` credential and Docker config `auth` a client builds from a user and a password:
 * base64 of `user:password`, standard and URL-safe, with and without padding.
 */
export function basicAuthForms(user: string, password: string): string[] {
  const standard = Buffer.from(`${user}:${password}`).toString("base64");
  const urlSafe = standard.replace(/\+/g, "-").replace(/\//g, "_");
  return [...new Set([standard, urlSafe, standard.replace(/=+$/, ""), urlSafe.replace(/=+$/, "")])];
}

/** What Go's url package never escapes. */
const GO_UNRESERVED = "-_.~";

/** `text` with every byte but ASCII letters, digits and `keep` written `%XX`. */
function escapeExcept(text: string, keep: string): string {
  let out = "";
  for (const byte of Buffer.from(text)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9]/.test(c) || keep.includes(c) ? c : `%${hex(byte)}`;
  }
  return out;
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, "0");
}
