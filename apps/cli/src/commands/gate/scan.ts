import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AlpinizeError, EXIT, InputError } from "@alpinize/errors";
import { type Report, readReportFile } from "@alpinize/trivy-gate";

interface Ran {
  code: number | null;
  stderr: string;
  missing: boolean;
}

function runTrivy(args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn("trivy", args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      // Keep the tail only: Trivy can log a lot while downloading its database.
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on("error", (err: NodeJS.ErrnoException) =>
      done({ code: null, stderr: err.message, missing: err.code === "ENOENT" }),
    );
    child.on("close", (code) => done({ code, stderr, missing: false }));
  });
}

/** Runs `trivy image` on a reference and parses its JSON report. */
export async function scanImage(
  ref: string,
  env: NodeJS.ProcessEnv,
  maxBytes: number,
): Promise<Report> {
  if (ref.startsWith("-"))
    throw new InputError("ALPINIZE_GATE_BAD_IMAGE", `--image "${ref}": not an image reference`);
  const dir = await mkdtemp(join(tmpdir(), "alpinize-gate-"));
  const out = join(dir, "report.json");
  try {
    const ran = await runTrivy(
      ["image", "--quiet", "--format", "json", "--output", out, "--", ref],
      env,
    );
    if (ran.missing)
      throw new InputError(
        "ALPINIZE_GATE_TRIVY_MISSING",
        "trivy is not installed (not found on PATH), so --image cannot scan",
        {
          hint: "Install Trivy (https://trivy.dev), or run it yourself and pass its JSON: trivy image --format json --output report.json REF",
        },
      );
    if (ran.code !== 0)
      throw new AlpinizeError(
        "ALPINIZE_GATE_TRIVY_FAILED",
        `trivy image ${ref} failed (exit ${ran.code}): ${ran.stderr.trim().split("\n").slice(-3).join(" | ")}`,
        {
          exitCode: EXIT.BAD_INPUT,
          hint: "A scan error is not a policy verdict: fix the scan (image name, registry access, Trivy DB) and retry.",
        },
      );
    return await readReportFile(out, { maxBytes, source: `trivy image ${ref}` });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
