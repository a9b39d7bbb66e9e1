import { ADD, file, on } from "./conditional-installs.js";
import { BUSYBOX_ROWS } from "./may-not-run-busybox-rows.js";

/** An `apk add` that may not run, and the calls after it; a name ending in "passes" passes both. */
export const CASES: Record<string, string> = {
  "an if branch, a RUN before": file(`RUN if true; then ${ADD}; fi`, "RUN useradd app"),
  "an if branch, the same RUN": file(`RUN if [ -n "$X" ]; then ${ADD}; fi; useradd app`),
  "a case arm": file(`RUN case "$X" in a) ${ADD} ;; esac && useradd app`),
  ...BUSYBOX_ROWS,
  "both branches of an if in a sh -c string passes": file(
    `RUN sh -c 'if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi; useradd app'`,
  ),
  "a function body": file(`RUN f() { ${ADD}; }; useradd app`),
  "after a || that probes something else": file(`RUN getent passwd app || ${ADD}; useradd app`),
  "after a probe for a program alpine lacks passes": file(
    `RUN command -v curl || ${ADD}; useradd app`,
  ),
  "a probe after && before its || passes": file(
    `RUN true && command -v useradd || ${ADD}; useradd app`,
  ),
  "after a && that probes for a missing program, its other packages too": file(
    "RUN command -v useradd && apk add --no-cache shadow dpkg; dpkg --print-architecture > /a",
  ),
  "after a probe that is not first before its &&": file(
    `RUN echo start && command -v useradd && ${ADD}; useradd app`,
  ),
  "after a piped probe before its &&": file(
    `RUN command -v useradd | grep -q . && ${ADD}; useradd app`,
  ),
  "if ! probe; then add; fi passes": file(
    `RUN if ! command -v useradd; then ${ADD}; fi; useradd app`,
  ),
  "if probe; then :; else add; fi passes": file(
    `RUN if command -v useradd; then :; else ${ADD}; fi; useradd app`,
  ),
  "if probe; then add; fi": file(`RUN if command -v useradd; then ${ADD}; fi; useradd app`),
  "probe && echo || add passes": file(`RUN command -v useradd && echo have || ${ADD}; useradd app`),
  "probe && true || add passes": file(
    `RUN command -v useradd >/dev/null 2>&1 && true || ${ADD}; useradd -m app`,
  ),
  "after a && that probes for a busybox program passes": file(
    "RUN command -v tar && apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "after a || that probes for a busybox program": file(
    "RUN command -v grep || apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "dpkg in an if branch": file(
    "RUN if true; then apk add --no-cache dpkg; fi; dpkg --print-architecture > /a",
  ),
  "a stage built FROM one that added it in a branch": file(
    `RUN if true; then ${ADD}; fi`,
    "FROM base",
    "RUN useradd app",
  ),
  "an if branch in a sh -c string": file(`RUN sh -c 'if true; then ${ADD}; fi; useradd app'`),
  "an if branch in a sh -c string, the call after it": file(
    `RUN sh -c 'if true; then ${ADD}; fi' && useradd app`,
  ),
  "a sh -c string in an if branch": file(`RUN if true; then sh -c '${ADD}'; fi; useradd app`),
  "a call in the branch passes": file(`RUN if true; then ${ADD} && useradd app; fi`),
  "a guard after the apk add passes": file(`RUN ${ADD} || true; useradd app`),
  "command -v passes": file(`RUN command -v useradd >/dev/null || ${ADD}; useradd app`),
  "which passes": file(`RUN which useradd || ${ADD}`, "RUN useradd app"),
  "type passes": file(`RUN type useradd >/dev/null 2>&1 || ${ADD}; useradd app`),
  "[ -x PATH ] passes": file(`RUN [ -x /usr/sbin/useradd ] || ${ADD}; useradd app`),
  // busybox links adduser as /usr/sbin/adduser and tar as /bin/tar (busybox --list-full).
  "[ -x PATH ] where busybox has the program elsewhere passes": file(
    `RUN [ -x /usr/bin/adduser ] || ${ADD}; useradd app`,
  ),
  "test -x PATH where busybox has it": file(`RUN test -x /usr/sbin/adduser || ${ADD}; useradd app`),
  "[ -e PATH ] where busybox has the program elsewhere, before &&": file(
    "RUN [ -e /usr/bin/tar ] && apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "python: [ -f PATH ] where busybox has it, before && passes": on(
    "python:3.13-alpine",
    "RUN [ -f /bin/tar ] && apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "test -x PATH in a heredoc passes": file(
    "RUN <<EOF",
    `test -x /usr/sbin/groupadd || { ${ADD}; }`,
    "groupadd g",
    "EOF",
  ),
  "a probe before a sh -c string passes": file(
    `RUN command -v useradd || sh -c '${ADD}'; useradd app`,
  ),
  "a probe in a sh -c string passes": file(`RUN sh -c 'command -v useradd || ${ADD}; useradd app'`),
  "a call in a sh -c string's branch passes": file(
    `RUN sh -c 'if true; then ${ADD}; useradd app; fi'`,
  ),
  "an eval before the call": file(`RUN if true; then ${ADD}; fi; eval "true"; useradd app`),
  "the call in a literal eval string": file(`RUN if true; then ${ADD}; fi; eval "useradd app"`),
  "a for loop over a variable": file(`RUN for p in $X; do ${ADD}; done; useradd app`),
  "a for loop over a glob": file(`RUN for p in /x/*; do ${ADD}; done; useradd app`),
  "a for loop over the arguments": file(`RUN f() { for p; do ${ADD}; done; }; useradd app`),
  "a for loop over literal words passes": file(
    `RUN for p in 1 "b c"; do ${ADD}; done; useradd app`,
  ),
  "a heredoc written to a file that sh then runs": file(
    "RUN cat <<EOF > /s.sh && sh /s.sh",
    "apt-get install -y curl",
    "EOF",
  ),
  "a heredoc written to a file that . then runs": file(
    "RUN cat > /s.sh <<'EOF'; . /s.sh",
    "apt-get install -y curl",
    "EOF",
  ),
  "a heredoc written to a file that runs as a path": file(
    "RUN cat <<EOF >/s.sh && chmod +x /s.sh && /s.sh",
    "useradd app",
    "EOF",
  ),
  "a heredoc through tee into sh": file("RUN tee /x <<EOF | sh", "apt-get install -y curl", "EOF"),
  "a heredoc to /dev/null passes": file(
    "RUN cat <<EOF > /dev/null",
    "apt-get install -y curl",
    "EOF",
  ),
  "a heredoc written to a file nobody runs passes": file(
    "RUN cat <<EOF > /s.sh && cat /s.sh",
    "apt-get install -y curl",
    "EOF",
  ),
  "a heredoc fed to sh after the call": file(
    "RUN dpkg-query -W x && sh <<EOF",
    "apk add --no-cache dpkg",
    "EOF",
  ),
  "a heredoc fed to sh in an if branch": file(
    "RUN if true; then sh <<EOF; fi; dpkg-query -W x",
    "apk add --no-cache dpkg",
    "EOF",
  ),
  "a heredoc fed to sh before && passes": file(
    "RUN sh <<EOF && dpkg-query -W x",
    "apk add --no-cache dpkg",
    "EOF",
  ),
  "a probe for dpkg passes": file(
    "RUN command -v dpkg || apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "after a && that probes for the program": file(
    `RUN command -v useradd >/dev/null && ${ADD}; useradd -m app`,
  ),
  "after a && that probes for the program, in a subshell": file(
    `RUN apk add --no-cache curl && (command -v useradd && ${ADD}); useradd app`,
  ),
  "after a || that probes for the program with !": file(
    `RUN ! which useradd || ${ADD}; useradd app`,
  ),
  "after a && that probes for a program alpine lacks": file(
    `RUN command -v curl && ${ADD}; useradd app`,
  ),
  "a while ! probe loop passes": file(
    `RUN while ! command -v useradd >/dev/null; do ${ADD}; done; useradd app`,
  ),
  "an until probe loop passes": file(
    `RUN until command -v useradd; do ${ADD}; done`,
    "RUN useradd app",
  ),
  "a while probe loop": file(`RUN while command -v useradd; do ${ADD}; done; useradd app`),
  "python: after a || that probes for busybox's grep, its other packages": on(
    "python:3.13-alpine",
    "RUN command -v grep || apk add --no-cache grep dpkg; dpkg --print-architecture > /a",
  ),
  "golang: if ! probe for busybox's grep; then add; fi, its other packages": on(
    "golang:1.24-alpine3.21",
    "RUN if ! command -v grep; then apk add --no-cache grep dpkg; fi; dpkg --print-architecture > /a",
  ),
  "node: a while ! probe loop for busybox's grep, its other packages": on(
    "node:22-alpine",
    "RUN while ! command -v grep; do apk add --no-cache grep dpkg; done; dpkg --print-architecture > /a",
  ),
  "ruby: after a || that probes for busybox's tar, its other packages": on(
    "ruby:3.4-alpine",
    "RUN command -v tar || apk add --no-cache tar dpkg; dpkg --print-architecture > /a",
  ),
  "php: after a || that probes for busybox's grep, its other packages": on(
    "php:8.4-fpm-alpine",
    "RUN command -v grep || apk add --no-cache grep dpkg; dpkg --print-architecture > /a",
  ),
  "python: after a && that probes for a busybox program passes": on(
    "python:3.13-alpine",
    "RUN command -v tar && apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "node: after a || that probes for a busybox program": on(
    "node:22-alpine3.21",
    "RUN command -v grep || apk add --no-cache dpkg; dpkg --print-architecture > /a",
  ),
  "golang: after a && that probes for a busybox program passes": on(
    "golang:1.24-alpine",
    `RUN command -v sed && ${ADD}; useradd app`,
  ),
  "ruby: after a && that probes for its own runtime passes": on(
    "ruby:3.4-alpine",
    `RUN command -v gem && ${ADD}; useradd app`,
  ),
  "php: after a && that probes for the curl it ships passes": on(
    "php:8.4-fpm-alpine",
    `RUN command -v curl && ${ADD}; useradd app`,
  ),
  "elif: the branch a probe alpine answers runs passes": file(
    `RUN if command -v useradd >/dev/null; then :; elif command -v adduser >/dev/null; then ${ADD}; fi; useradd app`,
  ),
  "elif: the else after probes alpine fails passes": file(
    `RUN if command -v useradd; then :; elif command -v groupadd; then :; else ${ADD}; fi; useradd app`,
  ),
  "elif: an else after a probe busybox answers": file(
    `RUN if command -v adduser; then :; elif command -v useradd; then :; else ${ADD}; fi; useradd app`,
  ),
  "elif: an else after a test that is no probe": file(
    `RUN if command -v useradd; then :; elif [ -n "$X" ]; then :; else ${ADD}; fi; useradd app`,
  ),
  "probe && add || the same add passes": file(
    `RUN command -v useradd && ${ADD} || ${ADD}; useradd app`,
  ),
  "python: probe && add || the same add passes": on(
    "python:3.13-alpine",
    `RUN command -v useradd && ${ADD} || ${ADD}; useradd app`,
  ),
  "python: both branches of an if add it passes": on(
    "python:3.13-alpine3.20",
    `RUN if command -v curl; then apk add --no-cache shadow curl-dev; else ${ADD}; fi; useradd app`,
  ),
  "python: both branches of an if add it, the call in the next RUN passes": on(
    "python:3.13-alpine3.20",
    `RUN if command -v curl >/dev/null; then ${ADD}; else apk add --no-cache shadow dpkg; fi`,
    "RUN useradd app",
  ),
  "python: one branch of an if adds it": on(
    "python:3.13-alpine3.20",
    `RUN if command -v curl; then apk add --no-cache curl-dev; else ${ADD}; fi; useradd app`,
  ),
  "python: the else branch, after an add in the then branch": on(
    "python:3.13-alpine",
    `RUN if command -v curl; then ${ADD}; else useradd app; fi`,
  ),
  "the else branch of an if with no probe, after an add in the then branch": file(
    `RUN if [ -n "$X" ]; then ${ADD}; else useradd app; fi`,
  ),
  "an elif branch, after an add in the then branch": file(
    `RUN if [ -n "$X" ]; then ${ADD}; elif [ -n "$Y" ]; then useradd app; fi`,
  ),
  "python: an if and an elif add it, with no else": on(
    "python:3.13-alpine3.20",
    `RUN if command -v curl; then ${ADD}; elif command -v wget; then ${ADD}; fi; useradd app`,
  ),
  "python: both branches add it under a virtual group": on(
    "python:3.13-alpine3.20",
    "RUN if command -v curl; then apk add --no-cache -t .u shadow; else apk add --no-cache -t .u shadow; fi; useradd app",
  ),
  // python:alpine ships no curl (built FROM alpine, ca-certificates and tzdata kept): as on alpine.
  "python: after a && that probes for a program it does not ship": on(
    "python:3.13-alpine",
    `RUN command -v curl && ${ADD}; useradd app`,
  ),
  "python: after a || that probes for a program it does not ship passes": on(
    "python:3.13-alpine",
    `RUN command -v curl || ${ADD}; useradd app`,
  ),
  "node: after a || that probes for a program it does not ship passes": on(
    "node:22-alpine",
    `RUN command -v ggrep || ${ADD}; useradd app`,
  ),
  "ruby: after a && that probes for a program it does not ship": on(
    "ruby:3.4-alpine3.22",
    `RUN command -v pip && ${ADD}; useradd app`,
  ),
  "golang: after a && that probes for the gofmt it ships passes": on(
    "golang:1.24-alpine",
    `RUN command -v gofmt && ${ADD}; useradd app`,
  ),
  "php: after a && that probes for the GNU tar it ships passes": on(
    "php:8.4-fpm-alpine",
    `RUN command -v docker-php-ext-install && ${ADD}; useradd app`,
  ),
  "python on alpine 3.20: after a && that probes for a program it may ship passes": on(
    "python:3.13-alpine3.20",
    `RUN command -v curl && ${ADD}; useradd app`,
  ),
  "node: after a && that probes for corepack, which comes and goes, passes": on(
    "node:22-alpine",
    `RUN command -v corepack && ${ADD}; useradd app`,
  ),
};
