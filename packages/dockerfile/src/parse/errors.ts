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
