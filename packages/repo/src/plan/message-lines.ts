/**
 * Dockerfile lines a migrate DIR message names besides its own (`missing.sh, which the RUN on
 * line 7 runs`, `USER app of stage a (line 4)`): an instruction's `on line N`, and a bare
 * `(line N)`. A script's line (`line 3 of e.sh`) is not one: it has no `)` right after.
 */
const NAMED_LINE =
  /(\b(?:RUN|ENV|ARG|USER|COPY|ADD|FROM|SHELL|ENTRYPOINT|CMD) on line |\(line )(\d+)\b(?!\s+of\b)/g;

/**
 * The message with each Dockerfile line it names moved to where that line is in the file
 * `--write` leaves, so the words agree with the place the warning is printed at.
 */
export function messageOnOutput(message: string, toOutput: (line: number) => number): string {
  return message.replace(
    NAMED_LINE,
    (_, lead: string, line: string) => `${lead}${toOutput(Number(line))}`,
  );
}
