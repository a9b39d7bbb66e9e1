import { main } from "./main.js";

// A reader that stops early (`alpinize migrate big | head`) closes the pipe: stop quietly, as
// other command-line tools do, instead of a stack trace, with 141 (128 + SIGPIPE) because the
// work was cut short; `set -o pipefail` sees that, a plain pipeline takes head's status.
// Any other failure to write (a full disk, /dev/full, EIO) is the output's fault, not a finding
// and not a bug: say so on stderr if it still works, and exit 2 as for an --output FILE failure.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(141);
    if (stream === process.stdout) {
      try {
        process.stderr.write(
          `error cannot write to standard output (${err.code ?? err.message}): the output was not written in full\n  Check the disk or device standard output goes to, or redirect it elsewhere.\n`,
        );
      } catch {
        // stderr is gone too: the exit code is all that is left to say it.
      }
    }
    process.exit(2);
  });
}

// With the handler above, the only places in alpinize that end the process.
main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
