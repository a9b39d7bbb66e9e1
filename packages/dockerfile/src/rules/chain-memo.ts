import type { Stage } from "../stages.js";

// Answers per stage and key, kept as long as the stages of that migration live.
const memo = new WeakMap<Stage, Map<string, boolean>>();

/**
 * Whether `test` holds for the stage or any stage it is built FROM (`FROM earlier`, nearest
 * first). Each stage's answer is kept, so asking for every stage of a long chain reads each body
 * once instead of once per stage below it. `key` names the test: one key, one test.
 */
export function inChain(
  stage: Stage | undefined,
  key: string,
  test: (s: Stage) => boolean,
): boolean {
  const path: Stage[] = [];
  let value = false;
  for (let s = stage; s; s = s.parent) {
    const known = memo.get(s)?.get(key);
    if (known !== undefined) {
      value = known;
      break;
    }
    path.push(s);
  }
  // From the oldest unknown stage down: each answer is its own test or its parent's answer.
  for (let i = path.length - 1; i >= 0; i--) {
    const s = path[i]!;
    value ||= test(s);
    let answers = memo.get(s);
    if (!answers) {
      answers = new Map();
      memo.set(s, answers);
    }
    answers.set(key, value);
  }
  return value;
}
