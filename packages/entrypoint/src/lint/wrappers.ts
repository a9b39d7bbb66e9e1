import { SHADOW_ONLY_TOOLS } from "@alpinize/busybox";
import { literal, type SimpleCommand } from "../shell/scan.js";
import type { Add } from "./finding.js";

/** Account tools whose failure leaves the container without a user or group it expects. */
export const USER_GROUP = new Set([
  ...Object.keys(SHADOW_ONLY_TOOLS),
  "addgroup",
  "adduser",
  "delgroup",
  "deluser",
]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

// sudo options that take a value as the next word.
const SUDO_VALUE = new Set(["-u", "-g", "-h", "-p", "-C", "-D", "-R", "-T", "-U", "-r", "-t"]);

/** `sudo groupadd …` is not rewritten: say so, since the shims cannot reach it. */
export function lintSudo(name: string, args: SimpleCommand["words"], add: Add): void {
  let i = 0;
  while (i < args.length) {
    const a = args[i]!.text;
    if (a === "--") {
      i++;
      break;
    }
    if (SUDO_VALUE.has(a)) i += 2;
    else if (a.startsWith("-") || ASSIGNMENT.test(a)) i++;
    else break;
  }
  const word = args[i];
  const inner = word ? literal(word.text) : undefined;
  if (!word || inner === undefined) return;
  if (!USER_GROUP.has(inner) && inner !== "gosu" && inner !== "su-exec") return;
  add(
    "sudo",
    word.start,
    `${name} ${inner} is neither rewritten to the shims nor checked further, and Alpine images rarely have ${name}`,
    `drop ${name} (an entrypoint that manages users runs as root) and run alpinize entrypoint again`,
  );
}

export function lintExecAs(name: string, offset: number, user: string | undefined, add: Add): void {
  if (name === "gosu") {
    add(
      "gosu",
      offset,
      "Alpine images usually have su-exec, not gosu",
      "use alpinize_exec_as, which takes su-exec, gosu or setpriv",
    );
  }
  if (user !== undefined && (literal(user) ?? user).includes(":")) {
    add(
      "su-exec-group",
      offset,
      `${name} USER:GROUP runs with only that group: supplementary groups such as the docker socket's are dropped (on Debian too)`,
      "pass the user name alone where the command needs the user's groups; alpinize_exec_as takes both forms",
    );
  }
}
