/*
 * Which files are Dockerfiles: one rule for every command that finds or names them (migrate and
 * check through @alpinize/repo's discovery, pin through @alpinize/digest), kept here because both
 * of those packages depend on this one.
 *
 * Dockerfile names, and their case rules:
 * - `Dockerfile`, `Containerfile`: any case (`dockerfile` is docker build's own fallback name);
 * - `Dockerfile.<variant>`, `Containerfile.<variant>`: capital first letter only, as Docker
 *   documents them; `dockerfile.ts`, `dockerfile.go`… are source code named after the format;
 * - `<name>.Dockerfile`, `<name>.Containerfile`: the suffix in any case (`api.dockerfile`);
 * - never, by its name alone, one ending in a source-code, document, data or backup extension, in
 *   any form (`Dockerfile.md`, `Dockerfile.test.ts`, `Dockerfile.dockerignore`, BuildKit's ignore
 *   file): `Dockerfile.sh`, `Dockerfile.txt` and `Dockerfile.bak` are ambiguous, and what they hold
 *   decides (`isDockerfileText`).
 */
const DOCKERFILE_BASE = /^(?:dockerfile|containerfile)$/i;
const DOCKERFILE_SUFFIX = /\.(?:dockerfile|containerfile)$/i;
const DOCKERFILE_PREFIX = /^(?:Dockerfile|Containerfile)\.[^/]+$/;
const NOT_DOCKERFILE = new RegExp(
  `\\.(?:${[
    "dockerignore",
    // documents and data
    "md|markdown|rst|txt|adoc|html?|pdf|json|ya?ml|toml|xml|csv|ini|lock|snap",
    // source code
    "[cm]?[jt]sx?|d\\.ts|py|pyi|go|rs|rb|java|kt|kts|scala|groovy|c|h|cc|cpp|cxx|hh|hpp|cs",
    "fs|swift|mm|php|pl|pm|lua|dart|ex|exs|erl|hs|clj|vue|svelte|sh|bash|zsh|ps1|bat",
    "css|scss|less|map|sql|proto|tf|nix|wasm",
    // editor and merge leftovers
    "orig|rej|bak|swp|swo|tmp|old|patch|diff",
  ].join("|")})$`,
  "i",
);

/** Whether a file name (no folder) says Dockerfile by itself. */
export function isDockerfileName(base: string): boolean {
  if (DOCKERFILE_BASE.test(base)) return true;
  if (NOT_DOCKERFILE.test(base)) return false;
  return DOCKERFILE_SUFFIX.test(base) || DOCKERFILE_PREFIX.test(base);
}

/**
 * `Dockerfile.sh`, `Dockerfile.txt`, `Dockerfile.bak`: named like a Dockerfile, with an extension
 * that says otherwise. Such a file is a Dockerfile when its text is one (`isDockerfileText`).
 */
export function isAmbiguousDockerfileName(base: string): boolean {
  return DOCKERFILE_PREFIX.test(base) && NOT_DOCKERFILE.test(base);
}

/**
 * Text that is a Dockerfile: its first line that is neither blank nor a comment (parser directives
 * included) is a FROM or an ARG, the only instructions docker build takes first. A `#!` line says
 * script (a Dockerfile would read it as a comment, but none starts so); Markdown, source code and
 * patches start otherwise.
 */
export function isDockerfileText(text: string): boolean {
  const body = text.replace(/^\uFEFF/, "");
  if (body.startsWith("#!")) return false;
  for (const line of body.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    return /^(?:from|arg)(?:\s|\\|$)/i.test(trimmed);
  }
  return false;
}
