/*
 * Which files are Dockerfiles: one rule for every command that finds or names them (migrate and
 * check through @alpinize/repo's discovery, pin through @alpinize/digest), kept here because both
 * of those packages depend on this one.
 *
 * Dockerfile by name alone (`isDockerfileName`), Docker's own conventions:
 * - `Dockerfile`, `Containerfile`: any case (`dockerfile` is docker build's own fallback name);
 * - `Dockerfile.<variant>`, `Containerfile.<variant>`: capital first letter, as Docker documents
 *   them (`Dockerfile.prod`), unless the variant is a source-code, document, data or backup
 *   extension (`Dockerfile.sh`, `Dockerfile.md`, `Dockerfile.dockerignore`, BuildKit's ignore file);
 * - `<name>.Dockerfile`, `<name>.Containerfile`: the suffix in any case (`api.dockerfile`).
 * Named like one, and a Dockerfile when its text is one (`isAmbiguousDockerfileName`,
 * `isDockerfileText`), never by the name alone:
 * - `Dockerfile.<extension>` of the kinds above (`Dockerfile.sh`, `Dockerfile.txt`, `Dockerfile.bak`);
 * - `dockerfile.<anything>` in any case other than a capital first letter (`dockerfile.prod`, and
 *   `dockerfile.ts`, `dockerfile.go`: source code named after the format);
 * - `<name>.Dockerfile.<anything>`, the `Dockerfile` in any case (`app.Dockerfile.sh`).
 */
const DOCKERFILE_BASE = /^(?:dockerfile|containerfile)$/i;
const DOCKERFILE_SUFFIX = /\.(?:dockerfile|containerfile)$/i;
const DOCKERFILE_PREFIX = /^(?:Dockerfile|Containerfile)\.[^/]+$/;
/** `dockerfile.x`, `DOCKERFILE.x`, `app.Dockerfile.x`: the word, then an extension. */
const DOCKERFILE_LIKE = /(?:^|\.)(?:dockerfile|containerfile)\.[^/]+$/i;
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
 * Named like a Dockerfile without saying it is one (`Dockerfile.sh`, `dockerfile.prod`,
 * `app.Dockerfile.txt`): a Dockerfile when its text is one (`isDockerfileText`).
 */
export function isAmbiguousDockerfileName(base: string): boolean {
  return !isDockerfileName(base) && DOCKERFILE_LIKE.test(base);
}

/**
 * How much of a file `isDockerfileText` reads, in UTF-16 code units: a file's first 64 Ki
 * characters, whether a folder walk or a command given the file reads it, so both judge alike.
 * Enough for a licence header of comments before the first FROM.
 */
export const DOCKERFILE_TEXT_HEAD = 64 * 1024;

/**
 * Text that is a Dockerfile, judged by its first DOCKERFILE_TEXT_HEAD characters: its first line
 * that is neither blank nor a comment (parser directives included) is a FROM or an ARG, the only
 * instructions docker build takes first, in the shape docker build takes (`FROM [--flag]... image
 * [AS name]`, `ARG name[=value]`), so Python's `from x import y` is not one. A `#!` line says
 * script (a Dockerfile would read it as a comment, but none starts so); Markdown, source code and
 * patches start otherwise.
 */
export function isDockerfileText(text: string): boolean {
  return whyNotDockerfileText(text) === undefined;
}

/**
 * Why `isDockerfileText` says no, in words every command gives (`it starts with #!, so it is a
 * script`); undefined when the text is a Dockerfile.
 */
export function whyNotDockerfileText(text: string): string | undefined {
  const body = text.slice(0, DOCKERFILE_TEXT_HEAD).replace(/^\uFEFF/, "");
  if (body.startsWith("#!")) return "it starts with #!, so it is a script";
  const first = firstInstructionLine(body);
  if (first === undefined)
    return "it holds no instruction in its first 64 Ki characters, only blank lines or comments";
  if (isFirstInstruction(first)) return undefined;
  return "its first line past blank lines and comments is not a FROM or an ARG as docker build takes them, so it is not one";
}

/** The first line that is neither blank nor a comment, trimmed; undefined when there is none. */
function firstInstructionLine(body: string): string | undefined {
  for (const line of body.split("\n")) {
    const trimmed = line.trim();
    if (trimmed !== "" && !trimmed.startsWith("#")) return trimmed;
  }
  return undefined;
}

function isFirstInstruction(line: string): boolean {
  const match = /^(from|arg)(?=\s|\\|$)(.*)$/i.exec(line);
  if (match === null) return false;
  const rest = (match[2] ?? "").trim();
  // The line goes on past a backslash: its shape is not seen here, as docker build would join it.
  if (rest.endsWith("\\")) return true;
  if (match[1]?.toLowerCase() === "arg") return /^[A-Za-z_][\w.-]*(?:=|\s|$)/.test(rest);
  const words = rest.split(/\s+/).filter((w) => w !== "" && !w.startsWith("--"));
  return words.length === 1 || (words.length === 3 && words[1]?.toLowerCase() === "as");
}
