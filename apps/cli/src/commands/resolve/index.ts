import { AlpinizeError } from "@alpinize/errors";
import type { Io } from "../../io.js";

export const help = `Usage: alpinize resolve

Not available in this build yet.
`;

export async function run(_argv: string[], _io: Io): Promise<number> {
  throw new AlpinizeError(
    "ALPINIZE_NOT_IMPLEMENTED",
    "alpinize resolve is not implemented in this build yet",
  );
}
