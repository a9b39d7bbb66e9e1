import type { Env, Hit, Layer } from "./types.js";

// Debian packages each Go release as its own source (golang-1.22: golang-1.22-go, -src, -doc and
// the golang-1.22 meta package) beside golang-defaults' unversioned names (golang-src, …).
// Alpine ships one Go per release as `go`, whose package carries the standard library's source
// under /usr/lib/go/src, and its docs as go-doc.
const TOOLCHAIN = /^golang(?:-(\d+\.\d+))?(?:-(go|src|doc))?$/;

/** A Debian name from the Go toolchain's own packaging, as opposed to a golang-* library. */
export function isGoToolchainName(name: string): boolean {
  return /^golang-\d+\.\d+(?:-|$)/.test(name) || TOOLCHAIN.test(name);
}

export const goToolchainLayer: Layer = (name, env) => {
  const m = TOOLCHAIN.exec(name);
  if (!m || !env.index.has("go")) return undefined;
  const [, asked, part] = m;
  const target = part === "doc" ? "go-doc" : "go";
  if (!env.index.has(target)) return undefined;
  const what =
    part === "src"
      ? "Alpine's go package carries the standard library's source (/usr/lib/go/src, without its tests)"
      : part === "doc"
        ? "Alpine ships Go's documentation as go-doc"
        : part === "go"
          ? "Debian's Go compiler and tools are Alpine's go"
          : "Debian's Go meta package (compiler, tools, source, docs) is Alpine's go";
  const hit: Hit = {
    alpine: [target],
    layer: "versioned",
    reason: what,
    ...(part === "src" ? { kind: "merged" as const } : {}),
  };
  return asked ? withVersion(hit, name, asked, env) : hit;
};

/** Alpine ships one Go: say which, and flag another minor than the one asked for. */
function withVersion(hit: Hit, name: string, asked: string, env: Env): Hit {
  const shipped = env.index.version("go");
  const minor = shipped?.split(".").slice(0, 2).join(".");
  if (!shipped || !minor)
    return { ...hit, reason: `${hit.reason}; Alpine ships one Go per release` };
  if (minor === asked)
    return { ...hit, reason: `${hit.reason}; Alpine ${env.release} has go ${shipped}` };
  return {
    ...hit,
    reason: `${hit.reason}; Alpine ${env.release} has go ${shipped}, one Go per release; ${name} asked for Go ${asked}: check the code builds with Go ${minor}, or pick an image that ships Go ${asked}`,
    versionChange: { family: "go", from: asked, to: minor },
  };
}
