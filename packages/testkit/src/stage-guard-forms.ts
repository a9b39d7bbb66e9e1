/**
 * Dockerfiles of more than one stage, each with `RUN run` after `before` (and `after` after it):
 * what another stage sets (`SHELL [… "pipefail" …]`, `set -u`, `readonly`) changes nothing in a
 * stage that does not build on it, while a SHELL goes on through `FROM stage`. `shell` is the
 * SHELL the RUN runs under, which busybox sh is run with (passesUnder); `passes`, whether it gets
 * through the line. migrate --check and alpinize check must call the call guarded exactly then.
 */
export interface StageGuardForm {
  before: string;
  run: string;
  after?: string;
  shell: readonly string[];
  passes: boolean;
}

const PIPEFAIL = 'SHELL ["/bin/sh", "-o", "pipefail", "-c"]';
const NOUNSET = 'SHELL ["/bin/sh", "-u", "-c"]';

export const STAGE_GUARD_FORMS: readonly StageGuardForm[] = [
  {
    before: `FROM alpine:3.23 AS a\n${PIPEFAIL}\nRUN true\nFROM alpine:3.23\n`,
    run: "useradd -Z x app | true",
    shell: ["/bin/sh", "-c"],
    passes: true,
  },
  {
    before: "FROM alpine:3.23\n",
    run: "useradd -Z x app | true",
    after: `FROM alpine:3.23\n${PIPEFAIL}\nRUN true\n`,
    shell: ["/bin/sh", "-c"],
    passes: true,
  },
  {
    before: "FROM alpine:3.23\nRUN set -u; echo\nFROM alpine:3.23\n",
    run: "useradd -Z x app || echo $x",
    shell: ["/bin/sh", "-c"],
    passes: true,
  },
  {
    before: "FROM alpine:3.23\nRUN readonly X\nFROM alpine:3.23\n",
    run: "useradd -Z x app || X=1",
    shell: ["/bin/sh", "-c"],
    passes: true,
  },
  {
    before: `FROM alpine:3.23 AS a\n${PIPEFAIL}\nFROM a\n`,
    run: "useradd -Z x app | true",
    shell: ["/bin/sh", "-o", "pipefail", "-c"],
    passes: false,
  },
  {
    before: `FROM alpine:3.23 AS a\n${NOUNSET}\nFROM a AS b\nFROM b\n`,
    run: "useradd -Z x app || echo $x",
    shell: ["/bin/sh", "-u", "-c"],
    passes: false,
  },
  {
    before: `FROM alpine:3.23\nFROM alpine:3.23\n${PIPEFAIL}\n`,
    run: "useradd -Z x app | true",
    after: "FROM alpine:3.23\n",
    shell: ["/bin/sh", "-o", "pipefail", "-c"],
    passes: false,
  },
];

/** The Dockerfile of a row, and the 1-based line of its RUN. */
export function stageGuardDockerfile(form: StageGuardForm): { text: string; line: number } {
  const line = form.before.split("\n").length;
  return { text: `${form.before}RUN ${form.run}\n${form.after ?? ""}`, line };
}
