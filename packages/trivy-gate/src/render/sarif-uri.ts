const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A repository-relative path as a SARIF `artifactLocation.uri`, which must be a URI reference
 * (RFC 3986), not a file name: each segment is percent-encoded as UTF-8, so `a b/Docker file`
 * becomes `a%20b/Docker%20file`, `%` becomes `%25` and a `:` in the first segment cannot read
 * as a scheme; `/` still separates segments. A lone surrogate (no UTF-8 form) becomes U+FFFD.
 */
export function pathToUri(path: string): string {
  return path.replace(LONE_SURROGATE, "\uFFFD").split("/").map(encodeURIComponent).join("/");
}

/** A result's one location: a line of a repository file, with what it stands for as its message. */
export function sarifLocation(uri: string, line: number, text: string): Record<string, unknown> {
  return {
    physicalLocation: {
      artifactLocation: { uri, uriBaseId: "%SRCROOT%" },
      region: { startLine: line, startColumn: 1, endLine: line, endColumn: 1 },
    },
    message: { text },
  };
}
