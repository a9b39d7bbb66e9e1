import { Writable } from "node:stream";
import { main } from "./main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as written, for output that is bytes (a diff of a file that is not UTF-8). */
  stdoutBytes: Buffer;
}

/** A non-TTY stream that keeps what is written to it, in `text` and as `bytes`. */
export class Capture extends Writable {
  text = "";
  bytes: Buffer = Buffer.alloc(0);
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    this.bytes = Buffer.concat([this.bytes, Buffer.from(chunk)]);
    done();
  }
}

/**
 * The run date of in-process CLI runs: the gate's verdicts on fixtures naming real releases
 * (alpine 3.22, 3.23) and on exceptions with real dates do not change as time passes.
 */
export const TEST_RUN_DATE = new Date("2026-12-04T12:00:00Z");

/** Runs the CLI in-process with captured, non-TTY streams (for tests). */
export async function runCli(
  argv: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; now?: Date } = {},
): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, {
    stdout,
    stderr,
    env: { NO_COLOR: "1", ...options.env },
    cwd: options.cwd ?? process.cwd(),
    now: options.now ?? TEST_RUN_DATE,
  });
  return { code, stdout: stdout.text, stderr: stderr.text, stdoutBytes: stdout.bytes };
}
