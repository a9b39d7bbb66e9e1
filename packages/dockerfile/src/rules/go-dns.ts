import type { MigrationContext } from "../migrate/context.js";
import { splitFlags } from "../parse/dockerfile.js";
import { sourceSpan } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { stageNamed } from "./keep-glibc.js";
import type { StageInfo } from "./stage-info.js";

/** `ENV GODEBUG=madvdontneed=1` → `…=madvdontneed=1,netdns=go`; a value read from a variable is flagged. */
function appendNetdns(ctx: MigrationContext, ins: Instruction): void {
  const m = /\bGODEBUG=(["']?)([^\s"'$]*)\1(?=\s|$)/.exec(ins.args.text);
  // `netdns=cgo`: the resolver was chosen on purpose; say what it means on musl instead.
  if (m && /(?:^|,)netdns=/.test(m[2]!)) {
    ctx.warn(
      "go-dns",
      ins.start,
      "GODEBUG picks a resolver other than netdns=go; with cgo, Go uses musl's resolver, which behaves differently from glibc's (it asks all nameservers at once, for one): check that choice",
    );
    return;
  }
  if (!m) {
    ctx.warn(
      "go-dns",
      ins.start,
      "GODEBUG is set without netdns=go, in a form alpinize does not rewrite; add netdns=go to it (Go's own resolver, as on glibc)",
    );
    return;
  }
  const valueEnd = m.index + m[0].length - m[1]!.length;
  const [, at] = sourceSpan(ins.args, valueEnd, valueEnd);
  ctx.edit("go-dns", at, at, m[2] ? ",netdns=go" : "netdns=go");
}

export function addGoDns(
  ctx: MigrationContext,
  info: StageInfo,
  all: StageInfo[],
  installed: ReadonlySet<string> = new Set(),
): void {
  // A final stage that was on Alpine already chose its resolver settings there.
  if (!info.final || info.already) return;
  const body = info.stage.body;
  const goSource =
    buildsWithCgo(info, installed) ||
    body.find((ins) => {
      if (ins.keyword !== "COPY") return false;
      const from = splitFlags(ins.args.text).flags.get("from");
      if (from === undefined) return false;
      const src = stageNamed(from, all);
      return src ? src.go : /^(?:docker\.io\/)?(?:library\/)?golang[:@]/.test(from);
    });
  if (!goSource) return;
  // The last GODEBUG set is the one in effect.
  const existing = body.findLast(
    (ins) => ins.keyword === "ENV" && /\bGODEBUG[= ]/.test(ins.args.text),
  );
  if (existing) {
    if (!/netdns=go/.test(existing.args.text)) appendNetdns(ctx, existing);
    return;
  }
  const at = info.stage.from.end;
  ctx.edit("go-dns", at, at, `${ctx.doc.eol}ENV GODEBUG=netdns=go`);
}

/**
 * A Go stage that is itself the final one and builds with a C compiler installed (cgo on): its
 * binary may use musl's resolver. Without a compiler, go turns cgo off and needs nothing.
 */
function buildsWithCgo(info: StageInfo, installed: ReadonlySet<string>): boolean {
  if (!info.go) return false;
  if (!["gcc", "clang", "build-base", "g++"].some((c) => installed.has(c))) return false;
  const runs = info.stage.body.filter((ins) => ins.keyword === "RUN").map((ins) => ins.args.text);
  const env = info.stage.body.some(
    (ins) =>
      (ins.keyword === "ENV" || ins.keyword === "ARG") &&
      /\bCGO_ENABLED[= ]["']?0\b/.test(ins.args.text),
  );
  return (
    !env &&
    runs.some((r) => /\bgo\s+(?:build|install)\b/.test(r) && !/\bCGO_ENABLED=["']?0\b/.test(r))
  );
}
