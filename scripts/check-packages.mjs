#!/usr/bin/env node
// Checks every publishable workspace package the way a registry user would meet it: builds it,
// packs it with `pnpm pack` (which rewrites `workspace:` ranges), then runs publint and
// arethetypeswrong on the tarball, plus metadata checks publint does not make.
//
//   node scripts/check-packages.mjs [--no-build] [NAME…]     (pnpm check-packages)
//   node scripts/check-packages.mjs --dir DIR…                (any package folder, as it is)
//
// Exit 0 when every package is clean, 1 when any has a problem, 2 on bad usage.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const WORKSPACE_DIRS = ["packages", "apps"];

/** Non-private packages under packages/ and apps/, as {name, dir, pkg}. */
export function publishablePackages() {
  const found = [];
  for (const parent of WORKSPACE_DIRS) {
    const base = join(root, parent);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      const file = join(base, entry.name, "package.json");
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, "utf8"));
      if (pkg.private === true) continue;
      found.push({ name: pkg.name, dir: join(base, entry.name), pkg });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

const NODE_IMPORT_CONDITIONS = ["node", "import", "module-sync", "default"];
const NODE_REQUIRE_CONDITIONS = ["node", "require", "module-sync", "default"];

/** The target an exports entry resolves to under the given conditions (Node's rules), or null. */
export function resolveExport(target, conditions) {
  if (typeof target === "string") return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = resolveExport(item, conditions);
      if (found !== null) return found;
    }
    return null;
  }
  if (target === null || typeof target !== "object") return null;
  for (const [condition, value] of Object.entries(target)) {
    if (condition !== "default" && !conditions.includes(condition)) continue;
    const found = resolveExport(value, conditions);
    if (found !== null) return found;
  }
  return null;
}

/** The declaration file TypeScript finds for an exports entry: "types", or a .d.ts beside the JS. */
function typesFileOf(dir, target) {
  const found = resolveExport(target, ["types", ...NODE_IMPORT_CONDITIONS]);
  if (found === null) return null;
  if (/\.d\.[cm]?ts$/.test(found)) return found;
  const sibling = found.replace(/\.js$/, ".d.ts").replace(/\.mjs$/, ".d.mts");
  return sibling !== found && existsSync(join(dir, sibling)) ? sibling : null;
}

/** What publint does not report: fields the issue asks every package to carry, as {errors, warnings}. */
export function metadataProblems({ name, dir, pkg }) {
  const problems = [];
  const need = (ok, what) => ok || problems.push(what);
  need(
    name === "alpinize" || name.startsWith("@alpinize/"),
    `name "${name}" is outside @alpinize/`,
  );
  need(typeof pkg.description === "string" && pkg.description.length > 10, "description missing");
  need(pkg.license === "MIT", 'license is not "MIT"');
  need(existsSync(join(dir, "LICENSE")), "LICENSE file missing");
  need(pkg.repository?.url && pkg.repository?.directory, "repository.url/directory missing");
  need(Array.isArray(pkg.keywords) && pkg.keywords.length > 0, "keywords missing");
  need(pkg.type === "module", 'type is not "module"');
  need(typeof pkg.engines?.node === "string", "engines.node missing");
  need("sideEffects" in pkg, "sideEffects missing");
  need(Array.isArray(pkg.files) && pkg.files.includes("dist"), 'files does not list "dist"');
  need(pkg.exports?.["./package.json"] === "./package.json", 'exports lacks "./package.json"');
  if (name.startsWith("@"))
    need(pkg.publishConfig?.access === "public", "publishConfig.access is not public");
  for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
    // publint and attw (types only) accept a map that Node's `import` cannot use, e.g. a
    // "require"-only entry: resolve it with Node's ESM conditions as a consumer would.
    need(
      sub.includes("*") || resolveExport(target, NODE_IMPORT_CONDITIONS) !== null,
      `exports["${sub}"]: \`import\` resolves to nothing (no "import" or "default" condition)`,
    );
    // docs/releasing.md promises require() (Node >= 22.12 loads ESM): an "import"-only entry breaks it.
    need(
      sub.includes("*") || resolveExport(target, NODE_REQUIRE_CONDITIONS) !== null,
      `exports["${sub}"]: \`require\` resolves to nothing (use "default" rather than "import")`,
    );
    if (typeof target !== "object" || target === null) continue;
    const keys = Object.keys(target);
    need(keys[0] === "types", `exports["${sub}"]: "types" must come first`);
  }
  // A library is imported from "."; without types there attw has nothing to check and says ok.
  if (pkg.exports?.["."] !== undefined)
    need(typesFileOf(dir, pkg.exports["."]) !== null, 'exports["."] has no types');
  for (const bin of Object.values(typeof pkg.bin === "string" ? { x: pkg.bin } : (pkg.bin ?? {}))) {
    need(existsSync(join(dir, bin)), `bin ${bin} not built`);
  }
  const warnings = existsSync(join(dir, "README.md")) ? [] : ["README.md missing"];
  return { errors: problems, warnings };
}

function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { encoding: "utf8", cwd: root, ...options });
  return {
    code: res.status ?? 1,
    out: `${res.stdout ?? ""}${res.stderr ?? ""}`,
    stdout: res.stdout ?? "",
  };
}

/** Packs one package with pnpm into dest and returns the tarball path. */
export function pack(dir, dest) {
  const res = run("pnpm", ["pack", "--pack-destination", dest, "--json"], { cwd: dir });
  if (res.code !== 0) throw new Error(`pnpm pack failed in ${dir}:\n${res.out}`);
  return JSON.parse(res.stdout).filename;
}

/** Exported files that are not modules (e.g. a shell library): attw cannot and need not type them. */
function assetExports(pkg) {
  return Object.entries(pkg.exports ?? {})
    .filter(([sub, target]) => sub !== "./package.json" && typeof target === "string")
    .filter(([, target]) => !/\.(m?js|json|d\.m?ts)$/.test(target))
    .map(([sub]) => sub);
}

function hasTypes(pkg) {
  return (
    pkg.exports?.["."] !== undefined ||
    Object.values(pkg.exports ?? {}).some((t) => typeof t === "object" && t && "types" in t)
  );
}

function checkOne(target, dest) {
  const { errors, warnings } = metadataProblems(target);
  const tarball = pack(target.dir, dest);
  const packed = run("tar", ["-xOzf", tarball, "package/package.json"]).stdout;
  if (packed.includes("workspace:")) errors.push("packed package.json still has workspace: ranges");
  const publint = run("pnpm", ["exec", "publint", "run", tarball, "--strict"]);
  if (publint.code !== 0) errors.push(`publint:\n${publint.out.trim()}`);
  let attw = "skipped: bin-only package, no types to check";
  if (hasTypes(target.pkg)) {
    // The packages are ESM-only on purpose (Node >= 22 `require(esm)` covers CommonJS callers), so
    // the esm-only profile: it checks node16-from-ESM and bundler resolution and ignores the CJS views.
    const args = [tarball, "--profile", "esm-only", "--format", "ascii"];
    const assets = assetExports(target.pkg);
    if (assets.length > 0) args.push("--exclude-entrypoints", ...assets);
    const res = run("pnpm", ["exec", "attw", ...args]);
    attw = res.code === 0 ? "ok" : "FAILED";
    if (res.code !== 0) errors.push(`attw:\n${res.out.trim()}`);
  }
  return { errors, warnings, attw };
}

const USAGE = "usage: check-packages [--no-build] [NAME…] | check-packages --dir DIR…";

function parseArgv(argv) {
  const opts = { build: true, names: [], dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--no-build") opts.build = false;
    else if (arg === "--dir" && argv[i + 1]) opts.dirs.push(resolve(argv[++i]));
    else if (arg.startsWith("-")) return { error: `unknown option ${arg}` };
    else opts.names.push(arg);
  }
  return opts;
}

/** Packages to check: named or all publishable ones, or the folders given with --dir. */
function selectTargets(opts) {
  if (opts.dirs.length > 0) {
    const missing = opts.dirs.filter((dir) => !existsSync(join(dir, "package.json")));
    if (missing.length > 0) return { error: `no package.json in ${missing.join(", ")}` };
    return opts.dirs.map((dir) => {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return { name: pkg.name, dir, pkg };
    });
  }
  const all = publishablePackages();
  return opts.names.length > 0 ? all.filter((t) => opts.names.includes(t.name)) : all;
}

function main(argv) {
  const opts = parseArgv(argv);
  if (opts.error) {
    console.error(`check-packages: ${opts.error}; ${USAGE}`);
    return 2;
  }
  const targets = selectTargets(opts);
  if (targets.error) {
    console.error(`check-packages: ${targets.error}; ${USAGE}`);
    return 2;
  }
  if (targets.length === 0) {
    console.error("check-packages: no publishable package matches");
    return 2;
  }
  // --dir folders are checked as they are; workspace packages are built first (turbo caches).
  if (opts.build && opts.dirs.length === 0) {
    const filters = targets.flatMap((t) => ["--filter", t.name]);
    const res = spawnSync(
      "pnpm",
      ["turbo", "run", "build", ...filters, "--output-logs=errors-only"],
      {
        cwd: root,
        stdio: "inherit",
      },
    );
    if (res.status !== 0) {
      console.error("check-packages: build failed; fix the build first");
      return 1;
    }
  }
  const dest = mkdtempSync(join(tmpdir(), "alpinize-check-packages-"));
  let failed = 0;
  try {
    for (const target of targets) {
      const { errors, warnings, attw } = checkOne(target, dest);
      const status = errors.length === 0 ? "ok" : "FAILED";
      console.log(`${status.padEnd(6)} ${target.name} (publint, attw ${attw})`);
      for (const w of warnings) console.log(`       warning: ${w}`);
      for (const e of errors) console.log(`       ${e.replaceAll("\n", "\n       ")}`);
      if (errors.length > 0) failed++;
    }
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
  console.log(
    failed === 0
      ? `check-packages: all ${targets.length} publishable packages are clean`
      : `check-packages: ${failed} of ${targets.length} publishable packages have problems`,
  );
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = main(process.argv.slice(2));
}
