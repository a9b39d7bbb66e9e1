import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

// Runs the action's composite step the way the runner does: the step's `run` script under bash,
// in its working directory, with the `env:` block evaluated from the inputs a workflow passes
// (`with:` values over action.yml defaults) and GITHUB_STEP_SUMMARY / GITHUB_OUTPUT files.

const actionDir = resolve(import.meta.dirname, "..");
const repoRoot = resolve(actionDir, "..", "..");
const cliBin = join(repoRoot, "apps", "cli", "dist", "bin.js");
const fixtures = join(actionDir, "test", "fixtures");

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  "working-directory"?: string;
}
interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(actionDir, "action.yml"), "utf8")) as ActionYml;
const mainStep = action.runs.steps.find((s) => s.id === "alpinize")!;

/** `${{ inputs.x }}` as the runner evaluates it for a composite action. */
function evaluate(template: string, inputs: Record<string, string>): string {
  return template.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in action.inputs)) throw new Error(`action.yml uses undeclared input ${name}`);
    return inputs[name] ?? "";
  });
}

let work: string;

beforeAll(() => {
  if (!existsSync(cliBin))
    throw new Error(`${cliBin} is missing: build the CLI first (turbo does)`);
});

const workDirs: string[] = [];

afterEach(() => {
  for (const dir of workDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface ActionRun {
  code: number;
  log: string;
  summary: string;
  outputs: Record<string, string>;
}

async function runAction(
  withInputs: Record<string, string>,
  prepare: (workspace: string) => void = () => {},
): Promise<ActionRun> {
  work = mkdtempSync(join(tmpdir(), "alpinize-action-"));
  workDirs.push(work);
  const workspace = join(work, "workspace");
  cpSync(fixtures, workspace, { recursive: true });
  prepare(workspace);
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) inputs[name] = spec.default ?? "";
  // The test runs the workspace's CLI build instead of npx (the registry copy may differ).
  Object.assign(inputs, { cli: `${process.execPath} ${cliBin}`, "node-version": "" }, withInputs);
  const env: NodeJS.ProcessEnv = {
    PATH: [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
    HOME: process.env.HOME ?? work,
    NO_COLOR: "1",
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_ACTION_PATH: actionDir,
    GITHUB_STEP_SUMMARY: join(work, "summary.md"),
    GITHUB_OUTPUT: join(work, "output.txt"),
    GITHUB_WORKSPACE: workspace,
  };
  for (const [key, value] of Object.entries(mainStep.env ?? {})) env[key] = evaluate(value, inputs);
  writeFileSync(env.GITHUB_STEP_SUMMARY!, "");
  writeFileSync(env.GITHUB_OUTPUT!, "");
  const cwd = resolve(workspace, evaluate(mainStep["working-directory"] ?? ".", inputs));
  const { code, log } = await bash(mainStep.run!, cwd, env);
  const outputs = Object.fromEntries(
    readFileSync(env.GITHUB_OUTPUT!, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  return { code, log, summary: readFileSync(env.GITHUB_STEP_SUMMARY!, "utf8"), outputs };
}

/** `shell: bash` on a runner is `bash --noprofile --norc -eo pipefail {0}`. */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; log: string }>((done, fail) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
      cwd,
      env,
    });
    let log = "";
    child.stdout.on("data", (c) => {
      log += c;
    });
    child.stderr.on("data", (c) => {
      log += c;
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? 1, log }));
  });
}

describe("action.yml", () => {
  it("is a composite action whose step passes every input to the entry", () => {
    expect(action.runs.using).toBe("composite");
    expect(mainStep.shell).toBe("bash");
    expect(mainStep.run).toBe('node "$GITHUB_ACTION_PATH/src/run.mjs"');
    const passed = new Set(
      Object.values(mainStep.env ?? {}).flatMap((v) =>
        [...v.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]),
      ),
    );
    const handledElsewhere = ["working-directory", "node-version"];
    for (const name of Object.keys(action.inputs)) {
      if (!handledElsewhere.includes(name)) expect(passed, name).toContain(name);
    }
  });

  it("documents every input and output, in action.yml and in the README", () => {
    const readme = readFileSync(join(actionDir, "README.md"), "utf8");
    for (const [name, spec] of [
      ...Object.entries(action.inputs),
      ...Object.entries(action.outputs),
    ]) {
      expect(spec.description.length, name).toBeGreaterThan(10);
      expect(readme, `README documents ${name}`).toContain(`\`${name}\``);
    }
  });
});

describe("the action's entry with a workflow's inputs", () => {
  it("passes a migrated Dockerfile and a clean report, summary written", async () => {
    const res = await runAction({ paths: "migrated", report: "trivy-clean.json" });
    expect(res.code, res.log).toBe(0);
    expect(res.outputs).toEqual({ "check-exit-code": "0", "gate-exit-code": "0", result: "pass" });
    expect(res.summary).toContain("## alpinize check: ✅ passed");
    // The gate's own Markdown follows the check's section.
    expect(res.summary.split("alpinize check")[1]!.trim().length).toBeGreaterThan(30);
  });

  it("fails on a HIGH fixable finding and a Debian Dockerfile, naming both", async () => {
    const res = await runAction({ paths: "debian", report: "trivy-high.json" });
    expect(res.code, res.log).toBe(1);
    expect(res.outputs).toMatchObject({ "check-exit-code": "1", "gate-exit-code": "1" });
    expect(res.outputs.result).toBe("findings");
    expect(res.summary).toContain("## alpinize check: ❌ findings");
    expect(res.summary).toContain("CVE-2026-40001");
    // Each finding is in the summary and is an annotation on the Dockerfile's line.
    expect(res.summary).toContain("debian/Dockerfile:1");
    expect(res.log).toMatch(/^::error file=debian\/Dockerfile,line=1::/m);
  });

  it("reports findings without failing when fail-on-findings is false", async () => {
    const res = await runAction({
      paths: "",
      report: "trivy-high.json",
      "fail-on-findings": "false",
    });
    expect(res.code, res.log).toBe(0);
    expect(res.outputs).toEqual({
      "check-exit-code": "",
      "gate-exit-code": "1",
      result: "findings",
    });
    expect(res.summary).toContain("CVE-2026-40001");
  });

  it("ignore-unfixed lets an unfixed CRITICAL pass", async () => {
    const unfixed = await runAction({ paths: "", report: "trivy-unfixed.json" });
    expect(unfixed.code, unfixed.log).toBe(1);
    expect(unfixed.summary).toContain("CVE-2026-40003");
    const ignored = await runAction({
      paths: "",
      report: "trivy-unfixed.json",
      "ignore-unfixed": "true",
    });
    expect(ignored.code, ignored.log).toBe(0);
  });

  it("severity picks what blocks", async () => {
    const low = await runAction({ paths: "", report: "trivy-high.json", severity: "LOW" });
    expect(low.code, low.log).toBe(1);
    expect(low.summary).toContain("CVE-2026-40002");
    const critical = await runAction({
      paths: "",
      report: "trivy-high.json",
      severity: "CRITICAL",
    });
    expect(critical.code, critical.log).toBe(0);
  });

  it("writes SARIF next to the summary when asked", async () => {
    const res = await runAction({ paths: "", report: "trivy-high.json", sarif: "gate.sarif" });
    expect(res.code, res.log).toBe(1);
    const sarif = JSON.parse(readFileSync(join(work, "workspace", "gate.sarif"), "utf8")) as {
      version: string;
    };
    expect(sarif.version).toBe("2.1.0");
  });

  it("fails closed with exit 2 on a truncated report, even with fail-on-findings false", async () => {
    const res = await runAction({
      paths: "",
      report: "trivy-truncated.json",
      "fail-on-findings": "false",
    });
    expect(res.code, res.log).toBe(2);
    expect(res.outputs.result).toBe("error");
    expect(res.summary).toContain("## alpinize gate: ⚠️ bad input");
  });

  it("rejects a bad boolean input with exit 2 and an error annotation", async () => {
    const res = await runAction({ report: "trivy-clean.json", "ignore-unfixed": "yes" });
    expect(res.code).toBe(2);
    expect(res.log).toContain(
      '::error title=alpinize action::input "ignore-unfixed" must be true or false',
    );
    expect(res.outputs.result).toBe("error");
  });

  it("rejects a run with nothing to do", async () => {
    const res = await runAction({ paths: "", report: "" });
    expect(res.code).toBe(2);
    expect(res.summary).toContain("nothing to do");
  });

  it("never reads a crash as findings: exit 1 without output is an internal error", async () => {
    const crash = join(tmpdir(), `alpinize-crash-${process.pid}.mjs`);
    writeFileSync(crash, 'throw new Error("boom");\n');
    try {
      const res = await runAction({
        paths: "migrated",
        report: "trivy-clean.json",
        cli: `${process.execPath} ${crash}`,
        "fail-on-findings": "false",
      });
      expect(res.code).toBe(70);
      expect(res.outputs).toMatchObject({ "check-exit-code": "70", result: "error" });
      expect(res.summary).toContain("crashed or could not start");
    } finally {
      rmSync(crash, { force: true });
    }
  });

  it("takes one path per line, so a path may contain spaces", async () => {
    const res = await runAction({ paths: "my service\nmigrated\n" }, (workspace) =>
      cpSync(join(workspace, "debian"), join(workspace, "my service"), { recursive: true }),
    );
    expect(res.code, res.log).toBe(1);
    expect(res.summary).toContain("Checked: `my service`, `migrated`");
    expect(res.summary).toContain("my service/Dockerfile:1: debian-base");
    expect(res.log).toMatch(/^::error file=my service\/Dockerfile,line=1::debian-base/m);
  });

  it("names annotated files from the repository root under working-directory", async () => {
    const res = await runAction({ paths: ".", "working-directory": "debian" });
    expect(res.code, res.log).toBe(1);
    expect(res.log).toMatch(/^::error file=debian\/Dockerfile,line=1::debian-base/m);
  });

  it("exits 2 when the alpinize command cannot be started", async () => {
    const res = await runAction({ paths: "migrated", cli: "/nonexistent/alpinize" });
    expect(res.code).toBe(2);
    expect(res.summary).toContain("cannot run /nonexistent/alpinize");
  });
});
