import type { Instruction } from "./parse/types.js";

/** A global ARG's default, where the stage model and the FROM variable resolution both read it. */
export interface ArgDefault {
  name: string;
  /** The default with quotes removed. */
  value: string;
  /** Source span of the value inside its quotes. */
  start: number;
  end: number;
  instruction: Instruction;
}
