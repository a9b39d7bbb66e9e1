import { main } from "./main.js";

// A reader that stops early (`alpinize migrate big | head`) closes the pipe: stop quietly, as
// other command-line tools do, instead of a stack trace, with 141 (128 + SIGPIPE) because the
// work was cut short; `set -o pipefail` sees that, a plain pipeline takes head's status.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(141);
    throw err;
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
