import { resolve } from "node:path";
import { EXIT, InputError } from "@alpinize/errors";
import { escapeInline } from "@alpinize/image-ref";
import { CONFIG_FILE, checkTargets, defaultTransforms, loadConfig } from "@alpinize/repo";
import { parseCommandArgs } from "../../args.js";
import type { Io } from "../../io.js";
import { wantsJson, withJsonErrors } from "../../json-errors.js";
import { escapingErrors, showingRawBytes } from "../../raw-bytes.js";
import { findingsJson, notCheckedJson, printFindings, unparsableText } from "./output.js";
import { namingStdin } from "./stdin.js";
import { resolveTargets } from "./targets.js";

export const help = `Usage: alpinize check [DIR|FILE…|-] [--json] [--config FILE] [--require-digests]

The CI lint after a migration. Checks every Dockerfile under DIR (default: .), honouring
.gitignore, and the entrypoint scripts they copy and run, or the Dockerfiles and scripts given.
Files named on the command line are read like cat reads them (a FIFO waits for its writer);
files found while walking a directory that are not regular files are refused without blocking.
A file named here is read through its symbolic links (and <(cmd) works); links met inside a
directory are not followed, and are reported as not checked. - reads a Dockerfile, or a script
(a #! first line), from standard input; findings name it <stdin>. Files are named from the
current directory (relative to it when inside it, else by their full path). A Dockerfile named
here is checked with the scripts it COPYs and runs, as in a directory, named too or not: its
build context is its own folder, then the current directory when the Dockerfile is inside it.

Rules (ids are stable; skip them with "check.skip" in alpinize.config.json):
  apt-in-alpine         apt, apt-get, aptitude, dpkg or xx-apt left in an Alpine stage (also
                        in a RUN sh cannot read, such as one with a quote never closed), a
                        step that writes under /etc/apt (sed, tee, >, cp…), which Alpine lacks,
                        a vendor setup script run (curl …/setup_20.x | bash, get.docker.com),
                        or one on a Debian-only path (/etc/php/8.2, nginx sites-enabled,
                        /usr/lib/x86_64-linux-gnu): an error where the step fails on it, and
                        for supervisord -c on Debian's /etc/supervisor/supervisord.conf; a
                        warning for ENV/ARG values in Debian's layout, a .conf written into
                        /etc/nginx/conf.d with Alpine's nginx, and a file put in a folder
                        Alpine's nginx, supervisor or apache2 never includes (sites-available,
                        sites-enabled, /etc/supervisor/conf.d)
  apk-no-cache          apk/xx-apk add or upgrade without --no-cache (or an apk update) in the
                        final stage or a stage it is built FROM, unless the RUN mounts a cache
                        at /var/cache/apk or removes /var/cache/apk/* after its apk calls
  apk-unknown-package   apk add of a name the stage's Alpine release does not have in main or
                        community, which stops the build: an error where the FROM names the
                        release or no release has the name, else a warning (an unversioned
                        -alpine tag may be held on an older release); skip it with "check.skip"
                        where apk has a name alpinize's index lacks
  alpine-release-unknown
                        a FROM tag naming an Alpine release alpinize has no data for
                        (alpine:3.99; it names the releases it knows), or no release at
                        all (alpine:3 and alpine:edge float: pin one; alpine:3.24-rc1,
                        alpine:v3.99); a warning
  debian-base           a stage still built on a Debian or Ubuntu image
  base-image-unpinned   a base image without @sha256 digest, or one whose digest cannot be
                        checked (a variable with no global ARG default); a warning unless
                        "check.requireDigests": true or --require-digests
  from-credentials      a FROM (or the ARG default it uses) carrying user:password@, which
                        Docker refuses; shown masked (***@)
  from-reference        a FROM image Docker refuses (DEBIAN:bookworm: repository names must be
                        lowercase; debian::x; an unclosed quote), or one with quotes inside
                        that alpinize cannot read (debian:"bookworm")
  go-netdns             the final stage ships a Go binary without ENV GODEBUG=netdns=go
                        (not for CGO_ENABLED=0 builds, the netgo build tag, or a builder with
                        no C compiler)
  shadow-user-commands  a shadow tool busybox lacks (useradd, groupadd, usermod, userdel, chsh,
                        chage, gpasswd, vipw, …), or a passwd/chpasswd option only shadow's
                        take (passwd -x 90, -e, -S, --lock; chpasswd -s), in an Alpine stage
                        without shadow installed before it: in a RUN, or in a COPYed script a
                        RUN runs (RUN /tmp/install.sh, RUN sh /tmp/install.sh)
  nologin-path          /usr/sbin/nologin in an Alpine stage (Alpine has /sbin/nologin)
  alpine-id-taken       busybox addgroup/adduser with a name or ID already there (Alpine's
                        www-data, users, nobody, GID 999; node's 1000 on node:alpine; earlier
                        steps, with the IDs busybox picked; what installed packages' scripts
                        made: nginx's group GID 101), or delgroup of a group a user still has
                        as primary group (delgroup users), so busybox refuses it (a warning
                        where the ID is only probable)
  entrypoint-lint       the entrypoint lint of @alpinize/entrypoint found a problem (also find/ps
                        options busybox rejects, and calls behind sudo); GNU options are fine
                        when every image running the script installs the GNU package
  busybox-option        a RUN in an Alpine stage uses an option busybox rejects (stat --format,
                        grep -P, find -printf, ps -C…) before installing the GNU package
  busybox-no-applet     a RUN in an Alpine stage calls a program every Debian image has and
                        busybox lacks (perl, tput, join, taskset, lsblk…) before installing its
                        package (a warning on a base image whose contents are not known)
  bash-missing          an entrypoint or CMD script starts with #!/bin/bash, a RUN runs bash
                        or a copied #!/bin/bash script, or ENTRYPOINT/CMD starts bash
                        (CMD ["bash"], CMD bash -c …), in an Alpine stage that has not
                        installed bash
  bash-syntax           a RUN under Alpine's /bin/sh (busybox ash) uses bash syntax ash
                        does not run (<<<, arrays a=(…), \${a[0]}, \${x^^}, declare); {a,b}
                        lists and {1..3} ranges in words, which ash keeps as written (a warning)
  echo-escapes          a RUN under Alpine's /bin/sh (busybox ash) runs echo without -e on
                        words with \\n, \\t, \\c, \\\\ or \\0NNN, which ash prints as written
                        and Debian's /bin/sh (dash) turned into characters (a warning); also
                        in a #!/bin/sh script the RUN runs, with the script's line, in a
                        shell-form CMD/ENTRYPOINT/HEALTHCHECK, sh -c strings and $( ) or
                        backquotes, spelt \\echo or "echo" or behind command (line:col)
  shims-missing         an entrypoint or CMD script sources the alpinize shims library from a
                        path no COPY (or RUN) of the stage puts in the image
  debian-program        ENTRYPOINT or CMD of an Alpine stage starts a program under its Debian
                        name (cron: Alpine's is crond) or a tini path apk did not install
                        (/usr/bin/tini after apk add tini: Alpine's is /sbin/tini), or a RUN
                        calls one (update-alternatives, a2enmod, php-fpm8.2…)
  init-system           a RUN manages services (systemctl, service, update-rc.d, invoke-rc.d;
                        OpenRC's rc-service, rc-update without openrc): no init system runs
                        in the build; start the program from CMD/ENTRYPOINT
  unknown-group         addgroup USER GROUP, adduser -G GROUP, chgrp, chown :GROUP, groupmod
                        -n NEW OLD, COPY/ADD --chown or USER :GROUP names a group nothing
                        made, or one groupmod -n renamed (Alpine has no sudo group: use wheel
                        and a sudoers.d line)
  unknown-user          chown, su, gosu, usermod, deluser, addgroup USER GROUP, USER, COPY/ADD
                        --chown… names a user no step makes and the image lacks (Alpine's
                        base, official images' own, a package's; Ubuntu's ubuntu), or one
                        usermod -l renamed; only where /etc/passwd is known (not after a
                        script, a COPY of /etc/passwd, on other images)
  exec-as-missing       an entrypoint or CMD script an Alpine stage runs as root calls
                        alpinize_exec_as, su-exec, gosu, runuser or util-linux setpriv, and the
                        stage installs no tool for it (alpinize_exec_as: su-exec, gosu or setpriv)
  script-not-found      a script an Alpine image runs (ENTRYPOINT, CMD, or a RUN) comes from a
                        COPY source that is not in the build context check looked in, so it was
                        not checked (a warning): run check from the build context
  make-recipes          a Makefile an Alpine image's ENTRYPOINT or CMD gives to make (-f FILE,
                        or the Makefile make finds in WORKDIR or -C DIR) calls useradd,
                        groupadd, gosu, apt-get… in a recipe: alpinize reads no Makefile, so it
                        was not migrated or checked (an error where the stage surely lacks the
                        tool and make stops there, a warning otherwise)
  context-link          a script an Alpine image runs (ENTRYPOINT, CMD, or a RUN) comes from a
                        COPY source that leads outside the build context through a link (its
                        own or a folder's): not read, and Docker does not copy it; put the real
                        file in the build context. Also a source that links to nothing (dangling)
  glibc-only            a RUN (or ADD) of an Alpine stage builds or fetches a glibc build
                        (dotnet -r linux-x64, --target x86_64-unknown-linux-gnu, Node.js's
                        linux-x64 tarball, a linux-gnu asset) that ends up in an Alpine image
                        without gcompat: it fails at start ("not found"); use the musl build
                        (a warning where it stays in a build stage)

Options:
  --json             Print the findings as a JSON array (file, line, rule, severity, message,
                     and column where a finding points inside the line); a file that
                     could not be checked is an entry with rule "unparsable" (with code and
                     hint when its error has them); an error that stops the
                     check (bad flag, missing path, nothing to check) is one entry {file (or
                     null), line 0, rule "not-checked", severity "error", message, code,
                     hint?}, never an empty array
  --config FILE      Settings file (default: alpinize.config.json, or "alpinize" in package.json)
  --require-digests  Unpinned base images are errors

Output: one line per finding, "file:line: rule-id: what to do" ("file:line:column:" where a
finding points inside the line; warnings on stderr).
FROM images with variables are read with the global ARG defaults; without one, by their written
parts (alpine:\${V} is Alpine, debian:\${V}-slim Debian). Stages whose image "images.ignore" names
are skipped, and so are the scripts only they run.
Limits: a Dockerfile of more than 4 MiB or 50,000 instructions is not checked (exit 2, code
ALPINIZE_DOCKERFILE_TOO_MANY_INSTRUCTIONS past the count: join RUN lines or split the file). Nor is one
whose RUN lines hold more than 200,000 sh -c strings (nested ones counted; exit 2, code
ALPINIZE_DOCKERFILE_TOO_MANY_SHELL_STRINGS, as migrate refuses it), nor one whose apt installs and
removes name more than 200,000 packages, each distinct name of a command counted (exit 2, code
ALPINIZE_DOCKERFILE_TOO_MANY_PACKAGE_NAMES). A Dockerfile lists at most 1,000 findings
of each rule; the rest are counted in one finding of that rule ("more" in --json), an error if
any left out was one.
Exit codes: 0 no error-level finding (warnings allowed), 1 an error-level finding, 2 bad
input, a file that could not be parsed (a Dockerfile, or a script with a shell syntax error;
either with $( ), \${ }, <( ) and backquotes nested over 200 levels deep), or nothing to check
(no Dockerfile, Containerfile or script under the paths given, after .gitignore; or
images.ignore naming every stage): a lint that checked nothing never passes silently. 70
internal error.
`;

const OPTIONS = {
  json: { type: "boolean" },
  config: { type: "string" },
  "require-digests": { type: "boolean" },
} as const;

export async function run(argv: string[], rawIo: Io): Promise<number> {
  const io = showingRawBytes(rawIo);
  return await withJsonErrors(
    wantsJson(argv),
    io,
    (err) => [notCheckedJson(err)],
    () => escapingErrors(() => check(argv, io)),
  );
}

async function check(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, "check");
  const targets = await resolveTargets(positionals, io.cwd);
  const root = targets.find((t) => t.kind === "directory")?.path ?? io.cwd;
  const config = await loadConfig(root, {
    cwd: io.cwd,
    onWarning: (message) => io.warn(escapeInline(message)),
    ...(values.config !== undefined ? { file: resolve(io.cwd, values.config) } : {}),
  });
  if (values["require-digests"]) config.check.requireDigests = true;
  const checked = await checkTargets(targets, {
    config,
    transforms: defaultTransforms(),
    cwd: io.cwd,
    onFile: (file, index, total, kind) =>
      io.progress(
        `checking ${kind === "script" ? "script" : "Dockerfile"} ${index + 1}/${total} ${escapeInline(file)}`,
      ),
  });
  io.endProgress();
  const result = positionals.includes("-") ? namingStdin(checked) : checked;
  if (result.files.length === 0 && result.unparsable.length === 0)
    throw nothingChecked(positionals);
  if (result.allIgnored && result.unparsable.length === 0)
    throw everythingIgnored(result.files, config.source);
  if (values.json) io.stdout.write(findingsJson(result));
  else printFindings(io, result);
  if (values.json)
    for (const u of result.unparsable) {
      io.err(`error ${escapeInline(unparsableText(u))} (not checked)`);
      if (u.hint) io.err(`  ${escapeInline(u.hint)}`);
    }
  if (result.unparsable.length > 0) return EXIT.BAD_INPUT;
  return result.findings.some((f) => f.severity === "error") ? EXIT.FINDINGS : EXIT.OK;
}

/** `images.ignore` naming every stage leaves nothing checked: that is not a pass either. */
function everythingIgnored(files: string[], source: string | undefined): InputError {
  return new InputError(
    "ALPINIZE_CHECK_ALL_IGNORED",
    `alpinize check: images.ignore names the image of every stage in ${files.slice(0, 3).map(escapeInline).join(", ")}${files.length > 3 ? ` and ${files.length - 3} more` : ""}; nothing was checked`,
    {
      hint: `Narrow images.ignore in ${source ?? CONFIG_FILE} to the images you keep on purpose (e.g. "nvidia/cuda", not "*").`,
    },
  );
}

/** A CI job pointed at the wrong directory must fail, not report "0 files clean". */
function nothingChecked(paths: string[]): InputError {
  const where = paths.length > 0 ? paths.map(escapeInline).join(", ") : ".";
  return new InputError(
    "ALPINIZE_CHECK_NOTHING",
    `alpinize check: no Dockerfile, Containerfile or entrypoint script found in ${where}; nothing was checked`,
    {
      hint: "Point it at the repository root or pass the files (Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile, *.sh); files matched by .gitignore are skipped.",
    },
  );
}
