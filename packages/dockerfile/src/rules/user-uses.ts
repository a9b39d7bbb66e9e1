import { splitFlags } from "../parse/dockerfile.js";
import type { Instruction } from "../parse/types.js";
import { parseScript, simpleCommands } from "../shell/script.js";

// Whether an instruction runs as, gives files to, or creates a user: read by the base-user rules
// (base-users.ts) and by those they call (php-fpm-pool.ts, users-ubuntu.ts), so it stands alone.

const patterns = new Map<string, { uses: RegExp; creates: RegExp }>();

/** The regexes for one user name, built once. */
function userRegexes(user: string): { uses: RegExp; creates: RegExp } {
  let r = patterns.get(user);
  if (!r) {
    const u = user.replace(/[-_]/g, "\\$&");
    r = {
      uses: userPattern(u),
      creates: new RegExp(`\\b(?:useradd|adduser)\\b[^;&|\\n]*\\s${u}(?=\\s|$|;|&)`),
    };
    patterns.set(user, r);
  }
  return r;
}

/**
 * Options of su, runuser and sudo that take a value, quoted or not (`su -s /bin/sh -c 'cmd' www-data`).
 * A value never starts with `-`, so a run of options is read one way only (no backtracking blow-up).
 */
const VALUED = String.raw`(?:-[scgGwCpUh]|--(?:shell|command|group|supp-group|whitelist-environment|close-from|prompt|host|chdir))\s+(?:'[^']*'|"[^"]*"|[^\s-]\S*)\s+`;

/**
 * Running a command as the user: `chown`, `su`/`runuser` (options first or after the name),
 * `runuser -u`, `sudo -u`/`--user`, `gosu`, `su-exec`, `setpriv --reuid`, `chroot --userspec`,
 * and the entrypoint shim `alpinize_exec_as`.
 */
function userPattern(u: string): RegExp {
  const end = String.raw`(?=[:\s'"]|$)`;
  return new RegExp(
    [
      String.raw`\bchown\s+(?:-\S+\s+)*${u}(?=[:.\s]|$)`,
      String.raw`\b(?:su|runuser)\s+(?:${VALUED}|-\S*\s+)*${u}${end}`,
      String.raw`\b(?:runuser|sudo)\s+(?:${VALUED}|-\S*\s+)*(?:-u\s*|--user[=\s])${u}${end}`,
      String.raw`\b(?:gosu|su-exec|alpinize_exec_as)\s+(?:-\S*\s+)*${u}${end}`,
      String.raw`\bsetpriv\b[^;&|\n]*--reuid[=\s]${u}${end}`,
      String.raw`\bchroot\s+(?:-\S+\s+)*--userspec[=\s]${u}${end}`,
    ].join("|"),
  );
}

/** The instruction runs as `user`, or gives it files (USER, COPY --chown, chown, sudo -u, gosu…). */
export function usesUser(ins: Instruction, user: string): boolean {
  const text = ins.args.text;
  if (ins.keyword === "USER") return text.trim().split(":")[0] === user;
  if (ins.keyword === "COPY" || ins.keyword === "ADD") {
    return splitFlags(text).flags.get("chown")?.split(":")[0] === user;
  }
  if (!/^(?:RUN|CMD|ENTRYPOINT)$/.test(ins.keyword) || !text.includes(user)) return false;
  return userRegexes(user).uses.test(literalText(ins));
}

const literal = new WeakMap<Instruction, string>();

/**
 * The instruction's commands with each word read as the shell reads it (`sudo -u "www-data"` and
 * `--user='www-data'` as `sudo -u www-data`, `--user=www-data`), one command a line; a word
 * whose value has blanks or quotes keeps its quotes, so `su -c 'cmd arg' NAME` still reads as one
 * option. `CMD ["gosu", "www-data", …]` runs as it too: the exec form's words, as one line.
 */
function literalText(ins: Instruction): string {
  let out = literal.get(ins);
  if (out !== undefined) return out;
  const text = ins.args.text;
  const exec = ins.keyword !== "RUN" && text.trimStart().startsWith("[");
  out = exec ? execFormText(text) : shellWords(text);
  literal.set(ins, out);
  return out;
}

function shellWords(text: string): string {
  try {
    return simpleCommands(parseScript(text))
      .map((c) =>
        c.args.map((w) => (w.value && !/[\s'"]/.test(w.value) ? w.value : w.raw)).join(" "),
      )
      .join("\n");
  } catch {
    // A script the parser cannot read is matched as written.
    return text;
  }
}

/** An exec-form JSON array as one line of words (not exec-words.ts's positioned words). */
function execFormText(text: string): string {
  try {
    const list: unknown = JSON.parse(text);
    return Array.isArray(list) ? list.map(String).join(" ") : text;
  } catch {
    return text;
  }
}

/** The RUN creates `user` (useradd/adduser naming it). */
export function createsUser(ins: Instruction, user: string): boolean {
  if (ins.keyword !== "RUN" || !ins.args.text.includes(user)) return false;
  return userRegexes(user).creates.test(literalText(ins));
}
