import type { Pipeline, SimpleCommand } from "../shell/script.js";

/**
 * What the locale and debconf rules ask of a whole pipeline. They are asked once per command of
 * it, so the answers are kept per pipeline: a pipeline of n commands is read once, not n times.
 */
interface PipelineFacts {
  /** Some word of the pipeline (assignments included) names /etc/locale.gen. */
  touchesLocaleGen: boolean;
  /** The first command whose arguments or redirections name /etc/locale.gen. */
  localeGenEditor: SimpleCommand | undefined;
  /** The first two commands that do more than feed text on (two are enough for onlyFeeds). */
  workers: SimpleCommand[];
}

const facts = new WeakMap<Pipeline, PipelineFacts>();

/** Commands that only feed text to the next one (`echo … | debconf-set-selections`). */
const FEEDERS = new Set(["echo", "printf", "cat", "yes", "true", ":"]);

/** `apt-get clean` and the like: removed, or written as `true`, by the apt rule. */
function becomesTrue(c: SimpleCommand): boolean {
  return (
    /^(?:apt-get|apt|aptitude)$/.test(c.name ?? "") &&
    /^(?:update|clean|autoclean|autoremove|dist-clean)$/.test(c.args[1]?.value ?? "")
  );
}

const namesLocaleGen = (w: { raw: string }): boolean => w.raw.includes("/etc/locale.gen");

function read(p: Pipeline): PipelineFacts {
  let touchesLocaleGen = false;
  let localeGenEditor: SimpleCommand | undefined;
  const workers: SimpleCommand[] = [];
  for (const c of p.commands) {
    const edits = c.args.some(namesLocaleGen) || c.redirects.some(namesLocaleGen);
    if (edits) localeGenEditor ??= c;
    touchesLocaleGen ||= edits || c.assignments.some(namesLocaleGen);
    if (workers.length < 2 && !FEEDERS.has(c.name ?? "") && !becomesTrue(c)) workers.push(c);
  }
  return { touchesLocaleGen, localeGenEditor, workers };
}

export function pipelineFacts(p: Pipeline): PipelineFacts {
  let known = facts.get(p);
  if (!known) {
    known = read(p);
    facts.set(p, known);
  }
  return known;
}

/** Whether every other command of the pipeline only feeds `cmd`, so the whole can go. */
export function onlyFeeds(pipeline: Pipeline, cmd: SimpleCommand): boolean {
  const { workers } = pipelineFacts(pipeline);
  return workers.every((c) => c === cmd);
}
