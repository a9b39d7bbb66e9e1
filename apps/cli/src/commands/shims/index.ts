import { AlpinizeError } from "@alpinize/errors";
import type { Io } from "../../io.js";

export const help = `Usage: alpinize shims

Not available in this build yet.
`;

export async function run(_argv: string[], _io: Io): Promise<number> {
  throw new AlpinizeError(
    "ALPINIZE_NOT_IMPLEMENTED",
    "alpinize shims is not implemented in this build yet",
  );
}
