import type { Finding, RuleId } from "./types.js";

type Emit = (line: number, rule: RuleId, message: string, severity?: Finding["severity"]) => void;

const FAILS_HERE = /,? so the build fails here/;
const GUARDED =
  "but the call is guarded (a || after it, an if/while test, or the branch of an if that first probes for the program or file), so the build goes on without it: on Alpine it does nothing, still worth removing";

/**
 * The emit for a call whose failure does not stop the RUN (`systemctl enable x || true`,
 * `if update-alternatives …`): the rules that say "the build fails here" are wrong about it, so
 * their errors become warnings that say the call does nothing.
 */
export function absorbedEmit(emit: Emit): Emit {
  return (line, rule, message) => emit(line, rule, absorbedMessage(message), "warning");
}

export function absorbedMessage(message: string): string {
  if (FAILS_HERE.test(message)) return message.replace(FAILS_HERE, `, ${GUARDED}`);
  return `${message}; ${GUARDED}`;
}
