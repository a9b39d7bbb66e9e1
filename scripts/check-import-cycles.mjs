#!/usr/bin/env node
// Lists import cycles between the TypeScript source files of each workspace package
// (packages/*/src, apps/*/src). Only relative imports count: a cycle across packages would
// already fail the build. Type-only imports count too (they tie files together just the same)
// unless --runtime is given; a loop marks an edge whose imports are all type-only `-(type)->`.
// `pnpm lint` runs it without --runtime, so a type-only cycle fails it as well.
//
//   node scripts/check-import-cycles.mjs [--runtime] [--json] [DIR…]
//
// Exit 0 when no cycle is found, 1 when any is, 2 on bad usage.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");

/** Every non-test .ts/.tsx file under dir. */
export function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (
      /\.tsx?$/.test(entry.name) &&
      !/\.(test|spec)\.tsx?$/.test(entry.name) &&
      !entry.name.endsWith(".d.ts")
    )
      out.push(path);
  }
  return out;
}

// Comments may quote import lines; strings are left alone (a specifier is a string).
const stripComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

const IMPORT_RE =
  /(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:[^;"'`]*?\s+from\s+)?["']([^"']+)["']/g;

/** The relative specifiers a file imports, each with whether the whole statement is type-only. */
export function importsOf(text) {
  const found = [];
  for (const m of stripComments(text).matchAll(IMPORT_RE)) {
    if (m[3].startsWith(".")) found.push({ spec: m[3], typeOnly: Boolean(m[2]) });
  }
  for (const m of text.matchAll(/\bimport\(\s*["'](\.[^"']+)["']\s*\)/g))
    found.push({ spec: m[1], typeOnly: false });
  return found;
}

/** The source file a relative specifier names (".js" written for a ".ts" file, or a folder index). */
export function resolveSpec(from, spec) {
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.(m?js|jsx)$/, "");
  for (const c of [`${stem}.ts`, `${stem}.tsx`, base, join(base, "index.ts")]) {
    if (existsSync(c) && statSync(c).isFile() && /\.tsx?$/.test(c)) return c;
  }
  return null;
}

/** Strongly connected components with more than one file (or a file importing itself), Tarjan's way. */
export function cycles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    // An explicit stack: a deep import chain must not overflow the JS call stack.
    const work = [[v, 0]];
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      const next = [...(graph.get(node) ?? [])];
      if (i < next.length) {
        frame[1]++;
        const w = next[i];
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(node, Math.min(low.get(node), idx.get(w)));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === idx.get(node)) {
        const scc = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          scc.push(w);
        } while (w !== node);
        if (scc.length > 1 || graph.get(node)?.has(node)) found.push(scc.sort());
      }
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return found;
}

/** One shortest loop through the first file of a component, for a readable message. */
export function loopThrough(graph, scc) {
  const inScc = new Set(scc);
  const start = scc[0];
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!inScc.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = prev.get(u)) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** The key of the edge from → to in importGraph's `typeOnly` set. */
export const edgeKey = (from, to) => `${from}\n${to}`;

/**
 * The import graph of the files under srcDir. `typeOnly`, when given, collects the edges (by
 * edgeKey) whose every import statement is type-only.
 */
export function importGraph(srcDir, { runtime = false, typeOnly } = {}) {
  const graph = new Map();
  for (const file of sourceFiles(srcDir)) {
    const edges = new Set();
    const valueEdges = new Set();
    for (const imp of importsOf(readFileSync(file, "utf8"))) {
      if (runtime && imp.typeOnly) continue;
      const target = resolveSpec(file, imp.spec);
      if (!target) continue;
      edges.add(target);
      if (!imp.typeOnly) valueEdges.add(target);
    }
    graph.set(file, edges);
    for (const target of edges) if (!valueEdges.has(target)) typeOnly?.add(edgeKey(file, target));
  }
  return graph;
}

function defaultDirs() {
  const dirs = [];
  for (const parent of ["packages", "apps"]) {
    const base = join(root, parent);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      const src = join(base, name, "src");
      if (existsSync(src)) dirs.push(src);
    }
  }
  return dirs;
}

function main(argv) {
  const args = argv.filter((a) => !a.startsWith("--"));
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  for (const f of flags) {
    if (f !== "--runtime" && f !== "--json") {
      console.error(
        `check-import-cycles: unknown option ${f}; use --runtime, --json or folder names`,
      );
      return 2;
    }
  }
  const dirs = args.length > 0 ? args.map((a) => resolve(a)) : defaultDirs();
  const missing = dirs.filter((d) => !existsSync(d) || !statSync(d).isDirectory());
  if (missing.length > 0) {
    console.error(`check-import-cycles: not a folder: ${missing.join(", ")}`);
    return 2;
  }
  const report = [];
  for (const dir of dirs) {
    const typeOnly = new Set();
    const graph = importGraph(dir, { runtime: flags.has("--runtime"), typeOnly });
    for (const scc of cycles(graph)) {
      const rel = (f) => relative(root, f);
      const loop = loopThrough(graph, scc);
      const typeOnlyEdges = loop
        .slice(1)
        .map((to, i) => [loop[i], to])
        .filter(([from, to]) => typeOnly.has(edgeKey(from, to)));
      report.push({
        files: scc.map(rel),
        loop: loop.map(rel),
        typeOnlyEdges: typeOnlyEdges.map((e) => e.map(rel)),
      });
    }
  }
  if (flags.has("--json")) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
  return report.length === 0 ? 0 : 1;
}

function printReport(report) {
  for (const c of report) {
    const typeEdges = new Set(c.typeOnlyEdges.map(([from, to]) => edgeKey(from, to)));
    const arrow = (i) =>
      typeEdges.has(edgeKey(c.loop[i], c.loop[i + 1])) ? " -(type)-> " : " -> ";
    const loop = c.loop.map((f, i) => (i === 0 ? f : arrow(i - 1) + f)).join("");
    console.log(`cycle of ${c.files.length} files: ${loop}`);
    if (c.files.length > c.loop.length - 1) console.log(`  all: ${c.files.join(", ")}`);
  }
  if (report.some((c) => c.typeOnlyEdges.length > 0)) {
    console.log(
      "-(type)-> imports only types: move the types it names into a module of their own that imports nothing leading back",
    );
  }
  console.log(report.length === 0 ? "no import cycles" : `${report.length} import cycle(s)`);
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
