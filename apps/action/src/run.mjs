#!/usr/bin/env node
// Entry of the alpinize GitHub Action: runs `alpinize check` and `alpinize gate` as subprocesses,
// writes both results to $GITHUB_STEP_SUMMARY (stdout when unset), sets the step outputs, and
// exits 0 pass, 1 findings (unless fail-on-findings is false), 2 bad input, 70 internal error.
import { spawn } from "node:child_process";
import { appendFileSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { gateArgs, InputProblem, readInputs } from "./inputs.mjs";

const OK = 0;
const FINDINGS = 1;
const BAD_INPUT = 2;
const INTERNAL = 70;
// GitHub takes at most 1 MiB of summary per step; keep room for both sections.
const MAX_SECTION = 400 * 1024;

function runCli(cli, args, { expectStdout = true } = {}) {
  const [command, ...prefix] = cli;
  return new Promise((resolve) => {
    const child = spawn(command, [...prefix, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c) => {
      if (stdout.length < 4 * MAX_SECTION) stdout += c;
    });
    child.stderr.setEncoding("utf8").on("data", (c) => {
      if (stderr.length < MAX_SECTION) stderr += c;
    });
    child.on("error", (err) =>
      resolve({ code: BAD_INPUT, stdout, stderr: `cannot run ${command}: ${err.message}\n` }),
    );
    child.on("close", (code) => {
      // Both commands print their findings or report on stdout. Node itself exits 1 when the
      // CLI cannot start or crashes before printing: that is an error, never "findings".
      if (code === FINDINGS && expectStdout && stdout.trim() === "") {
        resolve({
          code: INTERNAL,
          stdout,
          stderr: `${stderr}alpinize exited 1 without output: it crashed or could not start\n`,
        });
      } else {
        resolve({ code: code ?? INTERNAL, stdout, stderr });
      }
    });
  });
}

function nonEmptyFile(path) {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}

function bounded(text) {
  if (text.length <= MAX_SECTION) return text;
  return `${text.slice(0, MAX_SECTION)}\n\n… output truncated: ${text.length - MAX_SECTION} more characters in the job log.\n`;
}

function fenced(text) {
  const fence = text.includes("```") ? "~~~~" : "```";
  return `${fence}text\n${bounded(text).trimEnd()}\n${fence}\n`;
}

function verdict(code) {
  if (code === OK) return "✅ passed";
  if (code === FINDINGS) return "❌ findings";
  if (code === BAD_INPUT) return "⚠️ bad input";
  return `💥 internal error (exit ${code})`;
}

const FINDING_LINE = /^(?:(warning|error)\s+)?([^:]+?):(\d+)(?::(\d+))?:\s*(.+)$/;

/** Annotations name files from the repository root; the commands ran in working-directory. */
function fromWorkspace(env, file) {
  const root = env.GITHUB_WORKSPACE;
  if (!root) return file;
  const rel = relative(root, resolve(file));
  return rel.startsWith("..") || isAbsolute(rel) ? file : rel.split(sep).join("/");
}

function escapeProperty(value) {
  return value
    .replaceAll("%", "%25")
    .replaceAll("\r", "%0D")
    .replaceAll("\n", "%0A")
    .replaceAll(":", "%3A")
    .replaceAll(",", "%2C");
}

/** `[warning ]file:line: message` lines of the check output become annotations on the PR diff. */
function annotate(env, output) {
  for (const line of output.split("\n")) {
    const m = FINDING_LINE.exec(line.trim());
    if (!m) continue;
    const [, level, file, row, col, text] = m;
    const message = text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
    const where = `file=${escapeProperty(fromWorkspace(env, file))},line=${row}${col ? `,col=${col}` : ""}`;
    console.log(`::${level === "warning" ? "warning" : "error"} ${where}::${message}`);
  }
}

async function check(env, inputs) {
  const res = await runCli(inputs.cli, ["check", ...inputs.paths]);
  process.stdout.write(res.stdout);
  process.stderr.write(res.stderr);
  if (res.code === FINDINGS || res.code === OK) annotate(env, `${res.stdout}\n${res.stderr}`);
  let body = `## alpinize check: ${verdict(res.code)}\n\nChecked: ${inputs.paths.map((p) => `\`${p}\``).join(", ")}\n\n`;
  const shown = `${res.stdout}${res.stderr}`;
  if (shown.trim()) body += fenced(shown);
  return { code: res.code, summary: body };
}

async function gate(inputs) {
  const args = gateArgs(inputs);
  const res = await runCli(inputs.cli, [...args, "--format", "markdown"]);
  process.stderr.write(res.stderr);
  let body;
  if (res.code === OK || res.code === FINDINGS) {
    body = `${bounded(res.stdout).trimEnd()}\n`;
  } else {
    body = `## alpinize gate: ${verdict(res.code)}\n\nReport: \`${inputs.report}\`\n\n${fenced(res.stderr || res.stdout)}`;
  }
  console.log(`alpinize gate ${args.slice(1).join(" ")}: exit ${res.code}`);
  if (inputs.sarif && (res.code === OK || res.code === FINDINGS)) {
    // With --output the report goes to the file, so the file (not stdout) shows it ran.
    const sarifArgs = [...args, "--format", "sarif", "--output", inputs.sarif];
    const sarif = await runCli(inputs.cli, sarifArgs, { expectStdout: false });
    if (sarif.code <= FINDINGS && !nonEmptyFile(inputs.sarif)) sarif.code = INTERNAL;
    if (sarif.code !== OK && sarif.code !== FINDINGS) {
      process.stderr.write(sarif.stderr);
      body += `\nSARIF was not written to \`${inputs.sarif}\` (exit ${sarif.code}).\n`;
      return { code: sarif.code, summary: body };
    }
  }
  return { code: res.code, summary: body };
}

function setOutputs(env, outputs) {
  const lines = Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, lines.join(""));
  else process.stdout.write(lines.map((l) => `output ${l}`).join(""));
}

function writeSummary(env, text) {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, text);
  else process.stdout.write(text);
}

/** Worst first: an internal error, then bad input, then findings. */
function combine(codes, failOnFindings) {
  if (codes.some((c) => c !== OK && c !== FINDINGS && c !== BAD_INPUT)) return INTERNAL;
  if (codes.includes(BAD_INPUT)) return BAD_INPUT;
  if (codes.includes(FINDINGS)) return failOnFindings ? FINDINGS : OK;
  return OK;
}

async function main(env) {
  let inputs;
  try {
    inputs = readInputs(env);
  } catch (err) {
    if (!(err instanceof InputProblem)) throw err;
    console.log(`::error title=alpinize action::${err.message}`);
    writeSummary(env, `## alpinize: ⚠️ bad input\n\n${err.message}\n`);
    setOutputs(env, { result: "error" });
    return BAD_INPUT;
  }
  const sections = [];
  const outputs = { "check-exit-code": "", "gate-exit-code": "" };
  if (inputs.paths.length > 0) {
    const res = await check(env, inputs);
    sections.push(res.summary);
    outputs["check-exit-code"] = String(res.code);
  }
  if (inputs.report) {
    const res = await gate(inputs);
    sections.push(res.summary);
    outputs["gate-exit-code"] = String(res.code);
  }
  const codes = [outputs["check-exit-code"], outputs["gate-exit-code"]].filter(Boolean).map(Number);
  const code = combine(codes, inputs.failOnFindings);
  const anyFindings = codes.includes(FINDINGS);
  outputs.result = code > FINDINGS ? "error" : anyFindings ? "findings" : "pass";
  writeSummary(env, `${sections.join("\n")}\n`);
  setOutputs(env, outputs);
  if (anyFindings && !inputs.failOnFindings)
    console.log("alpinize: findings reported; fail-on-findings is false");
  return code;
}

main(process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.log(`::error title=alpinize action::internal error: ${err?.stack ?? err}`);
    process.exitCode = INTERNAL;
  },
);
