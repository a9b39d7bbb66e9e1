import { splitFlags } from "../parse/dockerfile.js";
import { splitWords } from "../parse/logical.js";
import type { Stage } from "../stages.js";
import { DATA_DIR, DATA_FILE } from "./data-paths.js";
import { followsWithin } from "./in-order.js";
import { stageNamed } from "./keep-glibc.js";
import type { StageInfo } from "./stage-info.js";

/** A C compiler in the stage, or cgo asked for: the Go build may link against musl. */
const CGO = /\b(?:gcc|g\+\+|clang|build-essential|build-base|CGO_ENABLED=1)\b/;

/**
 * What go-cgo.ts (through go-scan.ts) reads as a build that needs cgo, as plain text: an apt
 * install of -dev packages, or go flags and variables that need cgo. It gets gcc on Alpine.
 */
const CGO_SIGNS_IN_TEXT =
  /(?:^|\s)--?race\b|-buildmode[= ]["']?(?:c-shared|c-archive|plugin|shared)\b|-linkmode[= ]["']?external\b|\bCGO_(?:C|CPP|CXX|F|LD)FLAGS=/;

/**
 * The signs above, and two read with followsWithin (each a scan to the line's or the tag list's
 * end from every start as one expression): `install` then a `-dev` package on its line, and
 * `-tags` naming a cgo tag (`[\w, -]*` between).
 */
function cgoSignsInText(text: string): boolean {
  return (
    CGO_SIGNS_IN_TEXT.test(text) ||
    followsWithin(text, /\binstall\b/, /\s(?!golang-)[\w.+-]+-dev\b/, /\n/) ||
    followsWithin(text, /-tags[= ]["']?/, /\b(?:dynamic|libsqlite3|sqlite_\w+)\b/, /[^\w, -]/)
  );
}

function chainText(stage: Stage): string {
  let text = "";
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    text += s.body.map((i) => i.args.text).join("\n");
  }
  return text;
}

/**
 * Whether everything `stage` copies from other stages comes from Go stages that moved to a
 * golang Alpine image with no C compiler (cgo turns itself off when no gcc is found, Go >= 1.20,
 * so the binary is static), or from stages that stay where they were. Such a copy runs on a
 * distroless image as before, so the musl warnings would only be noise.
 */
export function copiesOnlyStaticGo(stage: Stage, earlier: readonly StageInfo[]): boolean {
  const sources: string[] = [];
  for (const ins of stage.body) {
    if (ins.keyword !== "COPY") continue;
    const { flags, rest } = splitFlags(ins.args.text);
    const from = flags.get("from");
    if (from === undefined) continue;
    // Plain data (a jar, web assets, configuration) runs on any C library.
    const paths = splitWords(ins.args.text.slice(rest))
      .map((w) => w.text)
      .slice(0, -1);
    if (paths.length > 0 && paths.every((p) => DATA_FILE.test(p) || DATA_DIR.test(p))) continue;
    sources.push(from.toLowerCase());
  }
  // Nothing built in another stage comes in: the note about musl-linked binaries has no object.
  if (sources.length === 0) return true;
  return sources.every((from) => {
    const source = stageNamed(from, earlier);
    if (!source) return false;
    if (!source.alpine || source.already) return true;
    const text = chainText(source.stage);
    return source.go && !CGO.test(text) && !cgoSignsInText(text);
  });
}
