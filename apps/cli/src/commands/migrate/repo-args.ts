import { statSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "@alpinize/errors";
import type { Io } from "../../io.js";
import { RESOLVER_FLAGS } from "../resolve/resolver-flags.js";
import type { RepositoryFlags } from "./dir.js";

/** Flags only the directory mode understands; the registry ones are `alpinize pin`'s own. */
export const REPOSITORY_OPTIONS = {
  report: { type: "string" },
  pin: { type: "boolean" },
  config: { type: "string" },
  "registry-mirror": RESOLVER_FLAGS["registry-mirror"],
  "insecure-registry": RESOLVER_FLAGS["insecure-registry"],
} as const;

export const REPOSITORY_HELP = `
With a directory, every Dockerfile under it (honouring .gitignore), the entrypoint scripts the
images run (rewritten to the alpinize shims, the functions each calls inlined; a gosu call becomes
su-exec, one word, where the migrated image installs su-exec, as an apt gosu becomes, from Alpine
3.23 on; else alpinize_exec_as, and su-exec is added to the apk add of an image that has none of
su-exec, gosu or setpriv), and the compose files and workflows that name the same base images; a
file that cannot be parsed is reported and left untouched.
  --report FILE  Write a Markdown migration report (stages, packages, warnings, risks, checklist);
                 a report with other hard links gets a new inode, as with --write (a warning,
                 and hardLinks under --json, say how many names keep the old report)
  --pin          Pin the rewritten base images to their index digests (asks the registry);
                 as for alpinize pin, and only with --pin:
    --registry-mirror HOST    Ask HOST for Docker Hub references (with HOST's credentials)
    --insecure-registry HOST  Allow plain http to HOST (loopback hosts always may); repeatable
  --config FILE  Settings (default: alpinize.config.json, or "alpinize" in package.json);
                 "migrate": {"gosu": "su-exec"} there is --gosu su-exec (the flag wins)
Entrypoints of images that were Alpine already are left alone unless they call a shadow tool
(useradd, groupadd, usermod, …); those only stages in "images.ignore" run are never changed.
Files are named from the current directory (--json: "file" is relative to "root", "path" is the
name the messages use). A Dockerfile that is a symbolic link is not followed: it is listed under
"skipped" (where it leads in "link") and the run exits 2, as alpinize check does; so is a FIFO,
socket or device named like a Dockerfile or copied as a script, which is never opened.
Exit codes with a directory: 2 also when no Dockerfile is found, when a Dockerfile is a symbolic
link or a FIFO, socket or device, when --report names a file the run reads or writes, or a destination it cannot write
(tried before any file is touched: a read-only folder, /dev/full), or when any file could not be
read, parsed (an entrypoint with a shell syntax error included) or written (every other file is
still handled and written; the report lists it as left untouched); also when the report fails
after files were written (they stay written; the message lists them). 1 also when --pin could
not resolve a rewritten image.
`;

/**
 * The directory `alpinize migrate` was given, if it was given one; undefined for Dockerfiles.
 * Mixing a directory with other paths, or directory-only flags with files, is a usage error.
 */
export function directoryArgument(
  positionals: string[],
  flags: RepositoryFlags,
  io: Io,
): string | undefined {
  requirePinForRegistryFlags(flags);
  const dirs = positionals.filter((p) => p !== "-" && isDirectory(resolve(io.cwd, p)));
  if (dirs.length > 1) {
    throw new UsageError(
      `alpinize migrate: pass one directory (got ${dirs.length}: ${dirs.join(", ")})`,
      { hint: "Run alpinize migrate DIR once per directory, or on a folder that holds them all." },
    );
  }
  if (dirs.length > 0 && positionals.length > 1) {
    throw new UsageError("alpinize migrate: pass one directory, or Dockerfiles, not both", {
      hint: "Run alpinize migrate DIR, or alpinize migrate FILE...",
    });
  }
  if (
    dirs.length === 0 &&
    (flags.report !== undefined || flags.pin || flags.config !== undefined)
  ) {
    throw new UsageError("alpinize migrate: --report, --pin and --config work on a directory", {
      hint: "Run alpinize migrate DIR --report FILE (for a single Dockerfile use alpinize pin for digests).",
    });
  }
  return dirs[0];
}

/** The registry flags only change how --pin asks; without it they would be silently ignored. */
function requirePinForRegistryFlags(flags: RepositoryFlags): void {
  const given = [
    flags["registry-mirror"] !== undefined ? "--registry-mirror" : undefined,
    (flags["insecure-registry"] ?? []).length > 0 ? "--insecure-registry" : undefined,
  ].filter((f) => f !== undefined);
  if (given.length === 0 || flags.pin) return;
  const verb = given.length === 1 ? "applies" : "apply";
  throw new UsageError(
    `alpinize migrate: ${given.join(" and ")} ${verb} only to --pin; add --pin`,
    {
      hint: "Run alpinize migrate DIR --pin --registry-mirror HOST (--pin works on a directory; for single files use alpinize pin --registry-mirror HOST).",
    },
  );
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
