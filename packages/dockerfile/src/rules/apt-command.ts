import type { Word } from "../shell/tokens.js";

/** An apt/apt-get call read into its parts: what apt.ts parses and apt-install.ts rewrites. */
export interface AptCommand {
  tool: Word;
  sub: Word | undefined;
  options: Word[];
  operands: Word[];
}
