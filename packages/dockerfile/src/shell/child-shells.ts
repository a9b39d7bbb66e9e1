import type { Script } from "./script.js";

/**
 * Scripts a shell of their own runs (an `sh -c` string, a `$( )`, a here-document fed to sh):
 * an `exit 1` there ends that shell only, and the script that ran it goes on. One not marked is
 * a RUN's own script, where `exit 1` stops the build (conditionalSpans).
 */
const children = new WeakSet<Script>();

/** Marks `script` as run by a shell of its own; before its stretches are first read. */
export function markChildShell<T extends Script | undefined>(script: T): T {
  if (script) children.add(script);
  return script;
}

export function isChildShell(script: Script): boolean {
  return children.has(script);
}
