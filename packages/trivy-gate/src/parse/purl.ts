/**
 * A package URL reduced to type/namespace/name: qualifiers (`arch`, `distro`), subpath and
 * version dropped, so the same package keeps one identity across rebuilds and distro releases.
 */
export function purlBase(purl: string): string {
  let base = purl;
  const cut = base.search(/[?#]/);
  if (cut >= 0) base = base.slice(0, cut);
  const slash = base.lastIndexOf("/");
  const at = base.indexOf("@", slash + 1);
  if (at >= 0) base = base.slice(0, at);
  return base.toLowerCase();
}

/** The version part of a package URL, if any. */
export function purlVersion(purl: string): string | undefined {
  let base = purl;
  const cut = base.search(/[?#]/);
  if (cut >= 0) base = base.slice(0, cut);
  const slash = base.lastIndexOf("/");
  const at = base.indexOf("@", slash + 1);
  return at >= 0 ? safeDecode(base.slice(at + 1)) : undefined;
}

/** `decodeURIComponent` that keeps malformed escapes (`%zz`, a lone `%`) as written. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
