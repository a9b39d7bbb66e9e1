import { shadowOnlyOption, shadowOnlyTool } from "@alpinize/busybox";
import type { MigrationContext } from "../migrate/context.js";
import { type SimpleCommand, simpleCommands } from "../shell/script.js";
import { addPackage } from "./place.js";
import { scriptsUnlessReportedByRun } from "./run-scripts.js";
import type { StageState } from "./scope.js";
import { needsShadow } from "./users-delete.js";

/**
 * shadow's tools busybox lacks that the users rule turns into busybox steps (useradd, groupadd,
 * usermod -aG, gpasswd, userdel → deluser, groupdel → delgroup): this rule adds shadow only for
 * the forms of usermod, userdel and groupdel busybox has no way to do.
 */
const USERS_RULE = new Set(["useradd", "groupadd", "usermod", "gpasswd", "userdel", "groupdel"]);

/**
 * Rule `users`: a converted stage that calls one of shadow's tools busybox lacks, or passwd and
 * chpasswd with an option only shadow's take, gets Alpine's shadow package, as Debian's image had
 * its tools.
 */
export function addShadowTools(ctx: MigrationContext, state: StageState): void {
  if (!state.info.alpine || state.info.already) return;
  for (const ins of state.info.stage.body) {
    if (ins.keyword !== "RUN" || ins.form === "exec" || state.removedRuns.has(ins)) continue;
    const sources = scriptsUnlessReportedByRun(ctx, ins);
    if (!sources) continue;
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
  // usermod -u, userdel -Z, groupdel -f…: forms the users rule leaves as written.
  if (USERS_RULE.has(name) && needsShadow(name, cmd.args.slice(1)))
    return `${name} ${formOf(cmd)} is shadow's tool (busybox has no way to do it)`;
  const tool = USERS_RULE.has(name) ? undefined : shadowOnlyTool(name);
  if (tool !== undefined)
    return `${name} is shadow's tool (${tool.busybox === undefined ? `${tool.lacks} has no busybox tool` : `or ${tool.busybox} and drop the call`})`;
  const option = shadowOnlyOption(
    name,
    cmd.args.slice(1).map((w) => w.value ?? w.raw),
  );
  return option && `${name} ${option.option} is an option of shadow's ${name} only`;
}

/** The call's options, for the message (`usermod -u 1500`): what busybox cannot do. */
function formOf(cmd: SimpleCommand): string {
  const options = cmd.args.slice(1).filter((w) => (w.value ?? w.raw).startsWith("-"));
  return options.map((w) => w.value ?? w.raw).join(" ") || "with these arguments";
}
