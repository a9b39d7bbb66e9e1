import { InputError } from "@alpinize/errors";

/** The Dockerfile cannot be read as one; names the line so the user can fix it. */
export class DockerfileSyntaxError extends InputError {
  readonly line: number;
  constructor(line: number, reason: string, fileName = "Dockerfile") {
    super("ALPINIZE_DOCKERFILE_SYNTAX", `${fileName}:${line}: ${reason}`, {
      hint: "Fix the line so `docker build` accepts it, then run alpinize again.",
      details: { line },
    });
    this.line = line;
  }
}

/** The Dockerfile holds more instructions than alpinize reads in one file (`MAX_INSTRUCTIONS`). */
export class TooManyInstructionsError extends InputError {
  constructor(line: number, limit: number, fileName = "Dockerfile") {
    super(
      "ALPINIZE_DOCKERFILE_TOO_MANY_INSTRUCTIONS",
      `${fileName}:${line}: more than ${limit} instructions in this file (instruction ${limit + 1} starts on line ${line}): alpinize does not migrate or check a file holding more (a larger one runs it out of memory)`,
      {
        hint: `Join RUN lines into fewer (cmd1 && cmd2), move the commands into a script file a RUN runs, or split the file so it holds at most ${limit} instructions.`,
        details: { line, limit },
      },
    );
  }
}
