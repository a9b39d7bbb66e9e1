import { literal, type Word } from "../shell/scan.js";
import { findProblems, psProblems } from "./find-ps.js";

/**
 * GNU-only options of coreutils, sed and grep that busybox (1.35, built with Alpine's options)
 * rejects. Each entry was checked against that binary: it exits non-zero with the bad form and
 * succeeds with the fix.
 */
interface CommandOptions {
  /** Short options whose value may follow in the same word or the next one. */
  withValue: string;
  /** Short options whose rest of the word is an optional value (sed -i.bak). */
  optionalValue?: string;
  badShort: Record<string, string>;
  badLong: Record<string, string>;
  /** Checks a value of an option (date -d). */
  value?: (opt: string, value: string) => string | undefined;
}

const RELATIVE_DATE =
  /\b(ago|yesterday|tomorrow|next|last|now)\b|[+-]?\s*\d+\s*(sec|second|min|minute|hour|day|week|month|year)s?\b/i;

export const BUSYBOX_OPTIONS: Record<string, CommandOptions> = {
  sed: {
    withValue: "ef",
    optionalValue: "i",
    badShort: {
      z: "busybox sed has no -z (NUL-separated lines)",
      s: "busybox sed has no -s (separate files)",
      u: "busybox sed has no -u (unbuffered)",
      l: "busybox sed has no -l (line length)",
    },
    badLong: {
      "--null-data": "busybox sed has no --null-data",
      "--separate": "busybox sed has no --separate",
      "--unbuffered": "busybox sed has no --unbuffered",
      "--posix": "busybox sed has no --posix",
      "--debug": "busybox sed has no --debug",
      "--sandbox": "busybox sed has no --sandbox",
    },
  },
  grep: {
    withValue: "efmABC",
    badShort: {
      P: "busybox grep has no Perl regular expressions (-P); use -E",
      z: "busybox grep has no -z (NUL-separated lines)",
    },
    badLong: {
      "--include": "busybox grep has no --include; combine find -name with grep",
      "--exclude": "busybox grep has no --exclude; combine find with grep",
      "--exclude-dir": "busybox grep has no --exclude-dir; combine find -prune with grep",
      "--perl-regexp": "busybox grep has no Perl regular expressions; use -E",
      "--null-data": "busybox grep has no --null-data",
      "--line-buffered": "busybox grep has no --line-buffered",
    },
  },
  stat: {
    withValue: "c",
    badShort: {},
    badLong: {
      "--format": "busybox stat has no --format; use -c FORMAT",
      "--printf": "busybox stat has no --printf; use -c FORMAT",
      "--terse": "busybox stat has no --terse; use -t",
      "--dereference": "busybox stat has no --dereference; use -L",
    },
  },
  date: {
    withValue: "dDrI",
    badShort: {},
    badLong: {
      "--iso-8601": "busybox date has no --iso-8601; use -I (e.g. -Iseconds)",
      "--rfc-3339": "busybox date has no --rfc-3339; use +FORMAT",
      "--rfc-email": "busybox date has no --rfc-email; use -R",
      "--reference": "busybox date has no --reference; use -r FILE",
    },
    value: (opt, value) =>
      (opt === "d" || opt === "--date") && RELATIVE_DATE.test(value)
        ? "busybox date -d reads absolute times only (@SECONDS, YYYY-MM-DD hh:mm:ss), not relative phrases; compute seconds with $(( $(date +%s) - N )) and use -d @SECONDS"
        : undefined,
  },
  readlink: {
    withValue: "",
    badShort: {
      e: "busybox readlink has no -e; use -f and test the result with [ -e ]",
      m: "busybox readlink has no -m; use -f (the path must exist up to its last part)",
      z: "busybox readlink has no -z",
    },
    badLong: {
      "--canonicalize": "busybox readlink has no long options; use -f",
      "--canonicalize-existing": "busybox readlink has no -e; use -f and [ -e ]",
      "--canonicalize-missing": "busybox readlink has no -m; use -f",
      "--no-newline": "busybox readlink has no long options; use -n",
      "--zero": "busybox readlink has no -z",
    },
  },
  su: {
    withValue: "sc",
    badShort: {
      g: "busybox su has no -g (group); use alpinize_exec_as USER:GROUP CMD",
      G: "busybox su has no -G (supplementary group); add the user to the group with alpinize_add_user_to_group",
    },
    badLong: {
      "--group": "busybox su has no --group; use alpinize_exec_as USER:GROUP CMD",
      "--supp-group": "busybox su has no --supp-group; use alpinize_add_user_to_group",
      "--command": "busybox su has no long options; use -c CMD",
      "--shell": "busybox su has no long options; use -s SHELL",
    },
  },
  // Debian's adduser/addgroup options that busybox (Alpine's, long options on) refuses with
  // "unrecognized option"; --system, --uid, --ingroup, --home, --shell, --gecos,
  // --disabled-password and --no-create-home are accepted by both.
  adduser: {
    withValue: "hgsGuk",
    badShort: { q: "busybox adduser has no -q; send its output to /dev/null instead" },
    badLong: {
      "--gid": "busybox adduser has no --gid; name the group with -G GROUP (--ingroup)",
      "--group":
        "busybox adduser has no --group (a group named after the user); create it first (alpinize_ensure_group NAME GID) and pass -G NAME",
      "--disabled-login":
        "busybox adduser has no --disabled-login; use -D (no password) and -s /sbin/nologin",
      "--quiet": "busybox adduser has no --quiet; send its output to /dev/null instead",
      "--comment": "busybox adduser has no --comment; use -g GECOS (--gecos)",
      "--add-extra-groups":
        "busybox adduser has no --add-extra-groups; add each group with alpinize_add_user_to_group",
      "--firstuid": "busybox adduser has no --firstuid; give the UID with -u UID",
      "--lastuid": "busybox adduser has no --lastuid; give the UID with -u UID",
      "--firstgid": "busybox adduser has no --firstgid; give the group with -G GROUP",
      "--lastgid": "busybox adduser has no --lastgid; give the group with -G GROUP",
      "--conf":
        "busybox adduser has no --conf (adduser.conf); pass the options on the command line",
      "--force-badname": "busybox adduser has no --force-badname; use a name of [a-z_][a-z0-9_-]*",
      "--allow-badname": "busybox adduser has no --allow-badname; use a name of [a-z_][a-z0-9_-]*",
      "--extrausers": "busybox adduser has no --extrausers",
      "--encrypt-home": "busybox adduser has no --encrypt-home",
    },
  },
  addgroup: {
    withValue: "g",
    badShort: { q: "busybox addgroup has no -q; send its output to /dev/null instead" },
    badLong: {
      "--quiet": "busybox addgroup has no --quiet; send its output to /dev/null instead",
      "--group": "busybox addgroup has no --group; addgroup NAME creates a group already",
      "--conf": "busybox addgroup has no --conf; pass the options on the command line",
      "--force-badname": "busybox addgroup has no --force-badname; use a name of [a-z_][a-z0-9_-]*",
      "--allow-badname": "busybox addgroup has no --allow-badname; use a name of [a-z_][a-z0-9_-]*",
      "--firstgid": "busybox addgroup has no --firstgid; give the GID with -g GID",
      "--lastgid": "busybox addgroup has no --lastgid; give the GID with -g GID",
    },
  },
  timeout: {
    withValue: "sk",
    badShort: { v: "busybox timeout has no -v" },
    badLong: {
      "--preserve-status": "busybox timeout has no --preserve-status",
      "--foreground": "busybox timeout has no --foreground",
      "--verbose": "busybox timeout has no --verbose",
      "--signal": "busybox timeout has no long options; use -s SIGNAL",
      "--kill-after": "busybox timeout has no long options; use -k SECONDS",
    },
  },
};

export interface OptionProblem {
  word: Word;
  message: string;
}

/** The GNU-only options in one command's arguments. */
export function busyboxOptionProblems(command: string, args: Word[]): OptionProblem[] {
  if (command === "find") return findProblems(args);
  if (command === "ps") return psProblems(args);
  const spec = BUSYBOX_OPTIONS[command];
  if (!spec) return [];
  const out: OptionProblem[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const lit = literal(word.text);
    if (lit === undefined || lit === "--") {
      if (lit === "--") break;
      continue;
    }
    if (lit.startsWith("--")) {
      const [name, inline] = lit.split("=", 2) as [string, string | undefined];
      const bad = spec.badLong[name];
      if (bad) out.push({ word, message: bad });
      const value = inline ?? (name === "--date" ? literal(args[i + 1]?.text ?? "") : undefined);
      const v = value !== undefined ? spec.value?.(name, value) : undefined;
      if (v) out.push({ word, message: v });
      continue;
    }
    if (!/^-[A-Za-z]/.test(lit)) continue;
    for (let k = 1; k < lit.length; k++) {
      const ch = lit[k]!;
      if (spec.optionalValue?.includes(ch)) break;
      if (spec.withValue.includes(ch)) {
        const value = lit.length > k + 1 ? lit.slice(k + 1) : literal(args[i + 1]?.text ?? "");
        if (lit.length === k + 1) i++;
        const v = value !== undefined ? spec.value?.(ch, value) : undefined;
        if (v) out.push({ word, message: v });
        break;
      }
      const bad = spec.badShort[ch];
      if (bad) out.push({ word, message: bad });
    }
  }
  return out;
}
