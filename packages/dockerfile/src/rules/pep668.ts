import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import { type SimpleCommand, simpleCommands } from "../shell/script.js";
import { baseRepository } from "./base-image.js";
import { inChain } from "./chain-memo.js";
import { callsOf } from "./gnu-calls.js";
import { flagPythonVersion } from "./python-version.js";
import { runSources } from "./run-sources.js";
import type { StageState } from "./scope.js";

const PIP = /^pip3?(?:\.\d+)?$/;
const BYPASS = /^--(?:break-system-packages|target|prefix|root)(?:=|$)|^-t$/;

/**
 * Rule `apt` (system Python): Alpine marks its python3 externally managed (PEP 668), so
 * `pip install` into it stops with "externally-managed-environment". Ubuntu before 23.04 and
 * Debian before bookworm did not. A stage whose python3 comes from apk and that pip-installs
 * outside a virtual environment, without --break-system-packages, is flagged.
 */
export function flagSystemPip(ctx: MigrationContext, state: StageState): void {
  // The other change apk's python3 brings, its version, is checked with it.
  flagPythonVersion(ctx, state);
  if (!state.info.alpine || state.info.already) return;
  // The python images' pip is their own, in /usr/local, and not externally managed.
  if (/^(?:python|pypy)$/.test(baseRepository(ctx, state.info.stage) ?? "")) return;
  if (!["python3", "py3-pip"].some((p) => state.alpineInstalled.has(p))) return;
  const body = state.info.stage.body;
  // A venv on PATH (or announced by VIRTUAL_ENV) is where pip installs go; parents' ENV counts,
  // each stage's answer kept so that a long FROM chain is read once, not once per stage.
  if (inChain(state.info.stage, "pep668-env", (s) => s.body.some(pipEnv))) return;
  for (const { ins, sources } of runSources(ctx, body)) {
    // A RUN that makes or activates a virtual environment installs into it; an activation does
    // not outlive its RUN, so later RUNs are read on their own (a venv on PATH is an ENV, above).
    if (/(?:^|\s)-m\s+venv\b|\bvirtualenv\b|\/bin\/activate\b/.test(ins.args.text)) continue;
    for (const src of sources) {
      const call = simpleCommands(src.script)
        .flatMap(callsOf)
        .find((c) => systemInstall(c));
      if (!call) continue;
      ctx.warn(
        "apt",
        src.span(call.start, call.start)[0],
        "Alpine's python3 is externally managed (PEP 668): pip install into it fails with externally-managed-environment; install into a virtual environment (python3 -m venv /opt/venv, then /opt/venv/bin/pip install …), pass --break-system-packages, or start from a python:<version>-alpine image",
      );
      return;
    }
  }
}

/** An ENV that sends pip installs into a virtual environment, or lets them into the system. */
function pipEnv(i: Instruction): boolean {
  return (
    i.keyword === "ENV" &&
    (/\bPIP_BREAK_SYSTEM_PACKAGES\b|\bVIRTUAL_ENV\b/.test(i.args.text) || venvOnPath(i.args.text))
  );
}

const UNQUOTED_BLANK = /[\s"']/;

/**
 * `PATH=` (or `PATH `) then a word holding `venv` and after it `/bin`, as
 * `PATH[= ]["']?[^\s"']*venv[^\s"']*\/bin` reads. That expression, on one long word of many
 * `PATH=venv`, tries every `venv` after every `PATH=` and scans to the word's end from each:
 * cubic. Here the word's end and the next `venv` and `/bin` are found once for all `PATH`s, as
 * both only move right.
 */
export function venvOnPath(text: string): boolean {
  let wordEnd = 0;
  let venv = -1;
  let bin = -1;
  for (const m of text.matchAll(/PATH[= ]["']?/g)) {
    const start = m.index + m[0].length;
    if (start >= wordEnd) {
      wordEnd = start;
      while (wordEnd < text.length && !UNQUOTED_BLANK.test(text[wordEnd] as string)) wordEnd++;
    }
    if (venv < start) venv = text.indexOf("venv", start);
    if (venv === -1) return false;
    if (venv + 4 > wordEnd) continue;
    if (bin < venv + 4) bin = text.indexOf("/bin", venv + 4);
    if (bin === -1) return false;
    if (bin + 4 <= wordEnd) return true;
  }
  return false;
}

/** Projects that publish manylinux (glibc) wheels only: pip on musl tries to build them from source. */
const GLIBC_ONLY_WHEELS = new Set([
  "torch",
  "torchvision",
  "torchaudio",
  "tensorflow",
  "tensorflow-cpu",
  "jaxlib",
  "triton",
]);

/**
 * Rule `glibc`: `pip install torch` in a stage on Alpine finds no musllinux wheel and falls back
 * to a source build that does not finish (or does not exist). Flagged by name, for literal names.
 */
export function flagGlibcWheels(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine) return;
  for (const { sources } of runSources(ctx, state.info.stage.body)) {
    for (const src of sources) {
      for (const c of simpleCommands(src.script).flatMap(callsOf)) {
        if (!pipInstall(c)) continue;
        const names = c.args
          .map((a) => (a.value ?? "").toLowerCase().split(/[=<>!~[;]/)[0]!)
          .filter((n) => GLIBC_ONLY_WHEELS.has(n));
        if (names.length === 0) continue;
        ctx.warn(
          "glibc",
          src.span(c.start, c.start)[0],
          `${names.join(", ")} publish${names.length === 1 ? "es" : ""} wheels for glibc (manylinux) only: on Alpine pip falls back to building from source, which fails; keep this stage on a glibc base (python:<version>-slim) or use a musl build from another source`,
        );
        return;
      }
    }
  }
}

/**
 * Rule `glibc`: browser downloads of test tools. Playwright's browser builds are glibc-only (it
 * does not support Alpine) and `--with-deps` runs apt-get; Puppeteer's `browsers install` fetches
 * Chrome for Testing, a glibc build. Alpine's chromium package is the musl browser.
 */
export function flagBrowserDownloads(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || state.info.already) return;
  for (const { sources } of runSources(ctx, state.info.stage.body)) {
    for (const src of sources) {
      for (const c of simpleCommands(src.script).flatMap(callsOf)) {
        const words = c.args.map((a) => a.value ?? a.raw);
        const at = words.findIndex((w) => /^(?:@playwright\/test|playwright(?:@\S+)?)$/.test(w));
        const pw = at >= 0 && words[at + 1] === "install";
        const pptr =
          words.some((w) => /^(?:@puppeteer\/browsers|puppeteer)(?:@\S+)?$/.test(w)) &&
          words.includes("install") &&
          words.some((w) => /^chrome(?:@|$)|^chrome-headless-shell/.test(w));
        if (!pw && !pptr) continue;
        ctx.warn(
          "glibc",
          src.span(c.start, c.start)[0],
          pw
            ? "playwright install downloads browsers built for glibc (Playwright does not support Alpine), and --with-deps runs apt-get: apk add chromium and point Playwright at it (launch executablePath /usr/bin/chromium-browser), or keep this stage on a Debian base"
            : "this downloads Chrome for Testing, a glibc build: apk add chromium and set PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium-browser (and PUPPETEER_SKIP_DOWNLOAD=true)",
        );
        return;
      }
    }
  }
}

/** `pip install …` or `python -m pip install …`, wherever the pip. */
function pipInstall(c: SimpleCommand): boolean {
  const words = c.args.map((a) => a.value ?? a.raw);
  const name = (c.name ?? "").replace(/^.*\//, "");
  if (PIP.test(name)) return words[1] === "install";
  return (
    /^python3?(?:\.\d+)?$/.test(name) &&
    words[1] === "-m" &&
    words[2] === "pip" &&
    words[3] === "install"
  );
}

function systemInstall(c: SimpleCommand): boolean {
  // Only pip on PATH or the system interpreter: /opt/venv/bin/pip is a virtual environment's.
  if (c.name?.includes("/") && !/^\/usr\/bin\//.test(c.name)) return false;
  return pipInstall(c) && !c.args.some((a) => BYPASS.test(a.value ?? a.raw));
}
