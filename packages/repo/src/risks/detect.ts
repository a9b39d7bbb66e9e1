import { busyboxDifferences } from "./busybox.js";
import { idCollisions } from "./ids.js";
import { commandLines, firstOf, grepLines } from "./scan.js";
import type { Evidence, Risk, RiskId, SourceFile } from "./types.js";

interface Detector {
  id: RiskId;
  title: string;
  advice: string;
  find(files: readonly SourceFile[], release: string | undefined): Evidence[];
}

/** The end of the privilege-drop advice; what migrate wrote goes before it (plan/settle-risks.ts). */
export const PRIVILEGE_DROP_ADVICE =
  "`USER:GROUP` sets only that group and drops supplementary groups (e.g. the docker-socket group) with every tool: pass the user name alone where the command needs them, and check `id` inside the running container.";

const DETECTORS: Detector[] = [
  {
    id: "musl-dns",
    title: "Go programs and musl DNS (`GODEBUG=netdns=go`)",
    advice:
      "musl's resolver is not glibc's: it asks every nameserver in parallel, ignores `single-request` and `rotate`, and before musl 1.2.4 never retried large answers over TCP. A cgo-enabled Go binary may pick the libc resolver (Alpine has no `/etc/nsswitch.conf`). Set `ENV GODEBUG=netdns=go` in the final stage so Go uses its own resolver, and test name resolution in the target network (search domains, IPv6, large answers).",
    // A build line with CGO_ENABLED=0 makes a pure-Go binary, which uses Go's own resolver.
    find: (files) =>
      grepLines(
        files,
        /(?:^|\s|\/)(?:xx-)?go\s+(?:build|install)\b|FROM\s+(?:--platform=\S+\s+)?\S*golang[:@\s]|GODEBUG/,
        ["dockerfile"],
      ).filter((e) => !/\bCGO_ENABLED=0\b/.test(e.text)),
  },
  {
    id: "cgo-sqlite",
    title: "CGO and SQLite on musl",
    advice:
      "`CGO_ENABLED=1` binaries link against musl on Alpine: build them in an Alpine (or `xx-apk`) stage with `gcc musl-dev` (and `sqlite-dev` for go-sqlite3), ship `sqlite-libs` at runtime, and never copy a cgo binary built against glibc. Run the database tests on the Alpine image (locking, busy timeouts and performance differ with musl's allocator).",
    find: (files) => grepLines(files, /CGO_ENABLED=1|sqlite|go-sqlite3/i, ["dockerfile"]),
  },
  {
    id: "glibc-binaries",
    title: "Prebuilt glibc-only binaries",
    advice:
      "Downloads built for glibc (`linux-gnu`, `manylinux`, `.deb`, `glibc` in the name) fail on musl with `not found` errors from the dynamic loader. Use the musl/static asset (`linux-musl`, `static`), build from source in an Alpine stage, or as a last resort `apk add gcompat` and test it.",
    find: (files) =>
      grepLines(files, /linux-gnu|manylinux|glibc|\.deb\b|ld-linux|\/lib64\//i, [
        "dockerfile",
      ]).filter((e) => !/^(?:#|apt|xx-apt)/.test(e.text)),
  },
  {
    id: "id-collision",
    title: "UID/GID collisions with Alpine's base users and groups",
    advice:
      "Alpine's base image already holds some IDs and names (e.g. GID 999 `ping`, GID 82 `www-data`, GID 100 `users`); busybox `addgroup -g`/`adduser -u` refuse a taken ID where Debian would have had it free. Pick free IDs (1000+ or the ones the official Alpine images use) and check volume ownership after the move.",
    find: (files, release) => idCollisions(files, release),
  },
  {
    id: "docker-socket-gid",
    title: "Docker socket group (socket GID)",
    advice:
      "Scripts that add the app user to the group owning `/var/run/docker.sock` create a group with the socket's GID. On Alpine GID 999, the usual host `docker` GID, belongs to `ping`, so `addgroup -g 999 docker` fails, and `2>/dev/null || true` hides it: the container starts without socket access. Reuse the group that holds the GID (`alpinize_ensure_group`) and drop privileges by user name so supplementary groups apply (`alpinize_exec_as`).",
    find: (files) => {
      const sockets = grepLines(files, /docker\.sock/);
      const gid = grepLines(files, /stat\s+-c\s*['"]?%g|groupadd|addgroup|usermod\s+-a?G|gpasswd/, [
        "script",
      ]);
      const socketFiles = new Set(sockets.map((e) => e.file));
      return sockets.length === 0
        ? []
        : [...sockets, ...gid.filter((e) => socketFiles.has(e.file))];
    },
  },
  {
    id: "busybox-tools",
    title: "busybox differences in scripts (sed, grep, timeout, stat, date, readlink)",
    advice:
      "Alpine's `/bin/sh`, `sed`, `grep`, `timeout`, `stat`, `date` and friends are busybox applets. They accept the common options but not every GNU extension. Check each line below, or install the GNU tools (`coreutils`, `sed`, `grep`, `findutils`) where a script depends on them.",
    find: (files) => busyboxDifferences(files),
  },
  {
    id: "locale",
    title: "Locales",
    advice:
      "musl has no locale archive: `locale-gen`/`localedef` do not exist and `LANG=xx_XX.UTF-8` changes nothing beyond UTF-8 handling. Keep `C.UTF-8`, or add `musl-locales` for translated messages; collation and case mapping stay those of musl.",
    find: (files) =>
      grepLines(files, /locale-gen|localedef|\blocales\b|\bLANG=|\bLC_ALL=|LANGUAGE=/),
  },
  {
    id: "shells",
    title: "Shells (bash vs busybox ash)",
    advice:
      "Alpine's `/bin/sh` is busybox ash and bash is not installed by default. Scripts with a bash shebang need `apk add bash`. Under `#!/bin/sh`, busybox ash stops on arrays (`a=(1 2)`) and here-strings (`<<<`), which only bash has; it runs `[[ ]]`, `source`, `function f` and `$'…'`, bashisms Debian's dash refuses, so such a script works on Alpine but is not POSIX sh: keep a bash shebang if it must run under another `sh` too.",
    find: (files) => [
      ...grepLines(
        files,
        /^#!\s*\/(?:usr\/)?bin\/(?:env\s+)?bash|^\s*SHELL\s+\[\s*"\/(?:usr\/)?bin\/bash"|^\s*function\s+\w+|<<</,
      ),
      ...commandLines(
        files,
        (name, args) => name === "source" || name === "[[" || (name === "bash" && args.length > 0),
      ),
    ],
  },
  {
    id: "privilege-drop",
    title: "Dropping privileges (gosu, su-exec, setpriv)",
    advice: `\`gosu\` is not in Alpine's main repository; \`su-exec\` is. ${PRIVILEGE_DROP_ADVICE}`,
    find: (files) =>
      commandLines(files, (name) => ["gosu", "su-exec", "setpriv", "runuser"].includes(name)),
  },
];

/** The risks that apply to this repository, each with the lines that show it. */
export function detectRisks(
  files: readonly SourceFile[],
  options: { release?: string } = {},
): Risk[] {
  const risks: Risk[] = [];
  for (const detector of DETECTORS) {
    const evidence = detector.find(files, options.release);
    if (evidence.length === 0) continue;
    risks.push({
      id: detector.id,
      title: detector.title,
      advice: detector.advice,
      evidence: dedupe(evidence),
    });
  }
  return risks;
}

/** A risk with its title and advice, for evidence found after the detectors ran. */
export function riskWith(id: RiskId, evidence: Evidence[]): Risk {
  const detector = DETECTORS.find((d) => d.id === id);
  if (detector === undefined) throw new Error(`no risk ${id}`);
  return { id, title: detector.title, advice: detector.advice, evidence: dedupe(evidence) };
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  const out = evidence.filter((e) => {
    const key = `${e.file}:${e.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return out;
}

export { firstOf };
