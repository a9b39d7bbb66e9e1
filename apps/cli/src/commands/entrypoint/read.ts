import { readFileSync, statSync } from "node:fs";
import { InputError } from "@alpinize/errors";

/** Entrypoint scripts are small; anything larger is refused rather than read whole. */
const MAX_BYTES = 1024 * 1024;

export function readScript(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) {
      throw new InputError("ALPINIZE_ENTRYPOINT_DIRECTORY", `${file} is a directory`, {
        hint: "Pass the entrypoint script itself, e.g. alpinize entrypoint docker-entrypoint.sh.",
        details: { file },
      });
    }
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError("ALPINIZE_ENTRYPOINT_NO_FILE", `${file}: no such file`, {
      hint: "Pass the path of an entrypoint shell script (or - to read standard input).",
      details: { file },
    });
  }
  if (size > MAX_BYTES) {
    throw new InputError(
      "ALPINIZE_ENTRYPOINT_TOO_LARGE",
      `${file} is ${size} bytes; entrypoint scripts over 1 MiB are refused`,
      {
        hint: "Check that FILE is a shell script.",
        details: { file, size },
      },
    );
  }
  const text = readFileSync(file, "utf8");
  if (text.includes("\u0000")) {
    throw new InputError("ALPINIZE_ENTRYPOINT_BINARY", `${file} is not a text file`, {
      hint: "Pass the entrypoint shell script, not a binary.",
      details: { file },
    });
  }
  return text;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > MAX_BYTES) {
      throw new InputError("ALPINIZE_ENTRYPOINT_TOO_LARGE", "standard input is over 1 MiB", {
        hint: "Pipe an entrypoint shell script.",
      });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
