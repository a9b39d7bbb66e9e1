import type { MigrationContext } from "../migrate/context.js";
import { type SimpleCommand, simpleCommands } from "../shell/script.js";
import { addPackage } from "./place.js";
import { runScripts } from "./run.js";
import type { StageState } from "./scope.js";

/**
 * shadow's account tools that Debian's base image has (its passwd package is in every image),
 * that busybox has no applet for and that the users rule does not turn into busybox steps, with
 * the busybox way where there is one. useradd, groupadd, usermod and gpasswd are rewritten;
 * userdel and groupdel are flagged with deluser and delgroup.
 */
const SHADOW_ONLY: Readonly<Record<string, string>> = {
  chage: "password ageing has no busybox tool",
  expiry: "password ageing has no busybox tool",
  chfn: "or set the GECOS field when the user is made (adduser -g TEXT) and drop the call",
  chsh: "or give the shell when the user is made (adduser -s SHELL) and drop the call",
  groupmod: "or make the group again (delgroup NAME, then addgroup -g GID NAME)",
  newusers: "or make each user with adduser -D and set passwords with chpasswd",
  chgpasswd: "busybox has no group passwords tool",
  grpck: "busybox has no checker for /etc/group",
  pwck: "busybox has no checker for /etc/passwd",
  vipw: "or edit /etc/passwd directly",
  vigr: "or edit /etc/group directly",
};

/**
 * The options busybox's passwd (`-a ALG -d -l -u`) and chpasswd (`-e -m -c ALG -R DIR` and their
 * long forms) take, from its usage text; shadow's others (`passwd -e`, `-x 90`, `-S`, `--lock`,
 * `chpasswd -s ROUNDS`) stop busybox with its usage.
 */
const BUSYBOX_OPTIONS: Readonly<Record<string, { flags: string; valued: string; long: string[] }>> =
  {
    passwd: { flags: "dlu", valued: "a", long: [] },
    chpasswd: {
      flags: "em",
      valued: "cR",
      long: ["--encrypted", "--md5", "--crypt-method", "--root"],
    },
  };

/**
 * Rule `users`: a converted stage that calls one of shadow's tools busybox lacks, or passwd and
 * chpasswd with an option only shadow's take, gets Alpine's shadow package, as Debian's image had
 * its tools.
 */
export function addShadowTools(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || state.info.already) return;
  for (const ins of state.info.stage.body) {
    if (ins.keyword !== "RUN" || ins.form === "exec" || state.removedRuns.has(ins)) continue;
    let sources: ReturnType<typeof runScripts>;
    try {
      sources = runScripts(ctx, ins);
    } catch {
      // A script that does not tokenize is reported when the RUN itself is migrated.
      continue;
    }
    for (const src of sources) {
      for (const cmd of simpleCommands(src.script)) {
        const why = shadowUse(cmd);
        if (why === undefined) continue;
        const offset = src.span(cmd.start, cmd.start)[0];
        addPackage(ctx, state, {
          pkg: "shadow",
          debian: "passwd",
          offset,
          after: ins,
          rule: "users",
          warning: `${why}, which Debian's base image has (package passwd) and busybox does not: added shadow`,
          reason: `${why}: Debian's base image ships shadow's tools (package passwd); Alpine's busybox lacks it`,
        });
      }
    }
  }
}

/** Why the call needs shadow's tool, or undefined when busybox (or a rewrite) serves it. */
function shadowUse(cmd: SimpleCommand): string | undefined {
  const name = cmd.name?.replace(/^.*\//, "") ?? "";
  const only = SHADOW_ONLY[name];
  if (only !== undefined) return `${name} is shadow's tool (${only})`;
  const busybox = BUSYBOX_OPTIONS[name];
  if (busybox === undefined) return undefined;
  const words = cmd.args.slice(1).map((w) => w.value ?? w.raw);
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (w === "--") break;
    // shadow's tools take options after the user too (getopt permutes): read every word.
    if (!w.startsWith("-") || w === "-") continue;
    if (w.startsWith("--")) {
      if (!busybox.long.includes(w.replace(/=.*/, "")))
        return `${name} ${w} is an option of shadow's ${name} only`;
      continue;
    }
    for (let c = 1; c < w.length; c++) {
      const letter = w[c]!;
      if (busybox.valued.includes(letter)) {
        // The value is the rest of the word, or the next word.
        if (c === w.length - 1) k++;
        break;
      }
      if (!busybox.flags.includes(letter))
        return `${name} -${letter} is an option of shadow's ${name} only`;
    }
  }
  return undefined;
}
