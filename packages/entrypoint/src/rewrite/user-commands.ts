import { parseOptions } from "../shell/options.js";
import { literal, type Word } from "../shell/scan.js";
import { BB_ADDUSER, USERADD } from "./command-options.js";
import { type CommandContext, type CommandOutcome, text, warn } from "./command-outcome.js";
import { decimalId } from "./decimal-id.js";
import { addToGroups } from "./group-commands.js";

const NOLOGIN_DEBIAN = "/usr/sbin/nologin";

/** What the shims need from a useradd or adduser call: the short option and how to write it. */
type Need = [short: string, spelling: string];
const USERADD_NEEDS: Need[] = [
  ["u", "-u/--uid UID"],
  ["g", "-g/--gid GROUP"],
  ["d", "-d/--home-dir HOME"],
  ["s", "-s/--shell SHELL"],
];
const ADDUSER_NEEDS: Need[] = [
  ["u", "-u/--uid UID"],
  ["G", "-G/--ingroup GROUP"],
  ["h", "-h/--home HOME"],
  ["s", "-s/--shell SHELL"],
];

/**
 * The needed options a call lacks, in words ("-d/--home-dir HOME and -s/--shell SHELL"): a call
 * that already gives --uid and --gid is told only about the rest.
 */
function missingOptions(values: ReadonlyMap<string, unknown>, needs: Need[]): string {
  const lacking = needs.filter(([short]) => !values.has(short)).map(([, spelling]) => spelling);
  return lacking.length < 2
    ? lacking.join("")
    : `${lacking.slice(0, -1).join(", ")} and ${lacking.at(-1)}`;
}

export function useradd(args: Word[], ctx: CommandContext): CommandOutcome {
  const o = parseOptions(args, USERADD);
  const [uid, group, home, shell] = ["u", "g", "d", "s"].map((k) => o.values.get(k)?.text);
  const lacking = [
    ...o.unknown,
    ...(o.flags.has("m") ? ["-m (the shim makes no home directory)"] : []),
    ...(o.flags.has("o") ? ["-o (the shim refuses a UID in use)"] : []),
    ...(o.values.has("p") ? ["-p (the shim sets no password)"] : []),
  ];
  if (lacking.length > 0)
    return warn(
      "useradd",
      `useradd with options the shims do not cover: ${lacking.join(", ")}; left as is`,
    );
  if (o.positionals.length !== 1)
    return warn("useradd", "useradd with more or fewer than one user name; left as is");
  if (!uid || !group || !home || !shell)
    return warn(
      "useradd",
      `useradd needs ${missingOptions(o.values, USERADD_NEEDS)} to be rewritten; left as is`,
    );
  return ensureUser(o.positionals[0]!.text, uid, group, home, shell, o.values.get("G")?.text, ctx);
}

function ensureUser(
  user: string,
  uid: string,
  group: string,
  home: string,
  shell: string,
  extra: string | undefined,
  ctx: CommandContext,
): CommandOutcome {
  const sh = literal(shell) === NOLOGIN_DEBIAN ? "/sbin/nologin" : shell;
  const lit = literal(group);
  const gid =
    lit !== undefined && ctx.groups.origin(lit) ? ctx.groups.ref(lit, ctx.cmd) : decimalId(group);
  const create = `alpinize_ensure_user ${user} ${decimalId(uid)} ${gid} ${home} ${sh}`;
  const more = extra ? addToGroups(user, extra, ctx, "useradd").call : "";
  return {
    kind: "replace",
    rule: "useradd",
    call: more ? `{ ${create} && ${more} >/dev/null; }` : create,
    quietStdout: false,
    message: `creates the user with no password, no home directory and an explicit shell${sh !== shell ? " (/sbin/nologin exists on both systems)" : ""}`,
  };
}

export function adduser(args: Word[], ctx: CommandContext): CommandOutcome {
  const o = parseOptions(args, BB_ADDUSER);
  if (o.unknown.length > 0) return warn("adduser", "adduser with unknown options; left as is");
  if (o.positionals.length === 2 && o.values.size === 0 && o.flags.size === 0)
    return addToGroups(text(o.positionals[0]), text(o.positionals[1]), ctx, "adduser-member");
  const [uid, group, home, shell] = ["u", "G", "h", "s"].map((k) => o.values.get(k)?.text);
  if (o.positionals.length !== 1)
    return warn("adduser", "adduser with more or fewer than one user name; left as is");
  if (!uid || !group || !home || !shell)
    return warn(
      "adduser",
      `adduser needs ${missingOptions(o.values, ADDUSER_NEEDS)} to be rewritten; left as is`,
    );
  return ensureUser(o.positionals[0]!.text, uid, group, home, shell, undefined, ctx);
}
