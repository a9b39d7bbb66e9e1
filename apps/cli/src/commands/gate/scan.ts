import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "@alpinize/errors";
import {
  dockerLoginCommand,
  escapeInline,
  findCredentials,
  maskReference,
  withoutCredentials,
} from "@alpinize/image-ref";
import { type Report, readReportFile } from "@alpinize/trivy-gate";
import { trivyEnvironment } from "./trivy-env.js";
import { type Ran, trivyFailed } from "./trivy-failed.js";

export { stderrTail } from "./trivy-failed.js";

/** Characters of Trivy's stderr kept for the error message. */
const STDERR_KEPT = 4000;

const afterFirstLine = (text: string): string => {
  const nl = text.indexOf("\n");
  return nl === -1 ? "" : text.slice(nl + 1);
};

function runTrivy(args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn("trivy", args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    // Decoded as a stream, so a character split between two chunks stays one character.
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => {
      // Keep the tail only: Trivy can log a lot while downloading its database. The line the cut
      // falls in is dropped whole: its start, say `access_token=` before a token, is gone, and
      // what is left of it could not be told from a secret.
      const joined = stderr + d;
      stderr = joined.length > STDERR_KEPT ? afterFirstLine(joined.slice(-STDERR_KEPT)) : joined;
    });
    child.on("error", (err: NodeJS.ErrnoException) =>
      done({ code: null, stderr: err.message, missing: err.code === "ENOENT" }),
    );
    child.on("close", (code) => done({ code, stderr, missing: false }));
  });
}

/**
 * What `trivy image` is told, whatever its environment or working directory holds: every
 * severity, the image scanners Trivy defaults to, exit 0 on findings (the gate decides), and
 * an empty config, ignore file and module folder of our own, so no `trivy.yaml`, `.trivyignore`,
 * `trivy-secret.yaml` or WASM module (which may drop findings) is picked up. The secret config
 * path is never created: Trivy then uses its built-in rules.
 */
async function trivyArgs(dir: string, out: string, ref: string): Promise<string[]> {
  const config = join(dir, "trivy.yaml");
  const ignore = join(dir, "trivyignore");
  const modules = join(dir, "modules");
  await Promise.all([writeFile(config, ""), writeFile(ignore, ""), mkdir(modules)]);
  return [
    "image",
    "--quiet",
    "--format",
    "json",
    "--output",
    out,
    "--scanners",
    "vuln,secret",
    "--severity",
    "UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL",
    "--exit-code",
    "0",
    "--config",
    config,
    "--ignorefile",
    ignore,
    "--secret-config",
    join(dir, "no-trivy-secret.yaml"),
    "--module-dir",
    modules,
    "--",
    ref,
  ];
}

/**
 * Runs `trivy image` on a reference and parses its JSON report. `dropped` hears the names of
 * the caller's `TRIVY_*` variables that were kept from Trivy.
 */
export async function scanImage(
  ref: string,
  env: NodeJS.ProcessEnv,
  maxBytes: number,
  dropped: (names: string[]) => void = () => {},
): Promise<Report> {
  const shown = shownReference(ref);
  if (ref.startsWith("-"))
    throw new InputError("ALPINIZE_GATE_BAD_IMAGE", `--image "${shown}": not an image reference`);
  refuseCredentials(ref, shown);
  const dir = await mkdtemp(join(tmpdir(), "alpinize-gate-"));
  const out = join(dir, "report.json");
  try {
    const clean = trivyEnvironment(env);
    if (clean.dropped.length) dropped(clean.dropped);
    const ran = await runTrivy(await trivyArgs(dir, out, ref), clean.env);
    if (ran.missing)
      throw new InputError(
        "ALPINIZE_GATE_TRIVY_MISSING",
        "trivy is not installed (not found on PATH), so --image cannot scan",
        {
          hint: "Install Trivy (https://trivy.dev), or run it yourself and pass its JSON: trivy image --format json --output report.json REF",
        },
      );
    if (ran.code !== 0) throw await trivyFailed(`trivy image ${shown}`, ran, clean.env);
    return await readReportFile(out, { maxBytes, source: `trivy image ${shown}` });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The reference as every message names it: any `user:password@` or `user@` masked (before
 * escaping, so the mask cannot be cut through), control characters escaped.
 */
function shownReference(ref: string): string {
  return escapeInline(maskReference(ref));
}

/**
 * `--image user:password@host/x:1`: Docker refuses such a reference, and Trivy would be handed
 * the password on its command line (visible to every process on the machine), so it is refused
 * before Trivy runs, as `resolve` and `pin` refuse it, with where credentials go instead.
 */
function refuseCredentials(ref: string, shown: string): void {
  if (findCredentials(ref) === undefined) return;
  const rest = withoutCredentials(ref);
  const login = dockerLoginCommand(rest);
  throw new InputError(
    "ALPINIZE_GATE_IMAGE_CREDENTIALS",
    `--image "${shown}": the reference carries credentials ("user:password@" or "user@" before the registry), which image references never have; trivy was not run`,
    {
      hint: `Pass --image ${escapeInline(rest)} and give Trivy the credentials another way: ${login} (trivy registry login writes the same place), which Trivy reads from Docker's config ($DOCKER_CONFIG/config.json, else ~/.docker/config.json); or TRIVY_USERNAME and TRIVY_PASSWORD (or TRIVY_REGISTRY_TOKEN) in the environment, which the gate passes to Trivy and Trivy sends to every registry it contacts.`,
      details: { reference: maskReference(ref) },
    },
  );
}
