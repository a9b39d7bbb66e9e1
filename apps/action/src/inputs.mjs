// Reads the action's inputs from the environment. The composite step maps each input to
// INPUT_<NAME> with "-" turned into "_"; the hyphenated form GitHub gives node actions is
// accepted too, so the entry works either way.

export class InputProblem extends Error {}

function raw(env, name) {
  const upper = name.toUpperCase();
  return (env[`INPUT_${upper.replaceAll("-", "_")}`] ?? env[`INPUT_${upper}`] ?? "").trim();
}

/** One entry per line when the value has several lines (so a path may hold spaces), else per word. */
function list(env, name) {
  const value = raw(env, name);
  const separator = value.includes("\n") ? /\r?\n/ : /\s+/;
  return value
    .split(separator)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function bool(env, name, fallback) {
  const value = raw(env, name).toLowerCase();
  if (value === "") return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new InputProblem(`input "${name}" must be true or false, not "${raw(env, name)}"`);
}

/** The command prefix that runs alpinize: the `cli` input, else npx with the pinned version. */
function cliCommand(env) {
  const cli = raw(env, "cli").split(/\s+/).filter(Boolean);
  if (cli.length > 0) return cli;
  const version = raw(env, "version") || "latest";
  if (!/^[0-9A-Za-z.+^~<>=_-]{1,64}$/.test(version)) {
    throw new InputProblem(`input "version" is not a version or tag: "${version}"`);
  }
  return ["npx", "--yes", `alpinize@${version}`];
}

/** All inputs, validated; throws InputProblem with the input's name on a bad value. */
export function readInputs(env) {
  const inputs = {
    paths: list(env, "paths"),
    report: raw(env, "report"),
    severity: raw(env, "severity"),
    ignoreUnfixed: bool(env, "ignore-unfixed", false),
    exceptions: raw(env, "exceptions"),
    vex: list(env, "vex"),
    baseline: raw(env, "baseline"),
    sarif: raw(env, "sarif"),
    failOnFindings: bool(env, "fail-on-findings", true),
    cli: cliCommand(env),
  };
  if (inputs.paths.length === 0 && inputs.report === "") {
    throw new InputProblem(
      'nothing to do: set "paths" (for alpinize check) or "report" (for alpinize gate)',
    );
  }
  return inputs;
}

/** `alpinize gate` arguments for the policy inputs, without the format. */
export function gateArgs(inputs) {
  const args = ["gate", inputs.report];
  if (inputs.severity) args.push("--severity", inputs.severity);
  if (inputs.ignoreUnfixed) args.push("--ignore-unfixed");
  if (inputs.exceptions) args.push("--exceptions", inputs.exceptions);
  for (const vex of inputs.vex) args.push("--vex", vex);
  if (inputs.baseline) args.push("--baseline", inputs.baseline);
  return args;
}
