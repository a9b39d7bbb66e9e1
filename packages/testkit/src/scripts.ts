/** Real-world shapes several packages' tests migrate, written once so they stay the same text. */

/** redis's docker-entrypoint.sh: its only user handling is `exec gosu redis "$@"` (line 5). */
export const REDIS_ENTRYPOINT = [
  "#!/bin/sh",
  "set -e",
  'if [ "$(id -u)" = 0 ]; then',
  "  chown -R redis:redis /data",
  '  exec gosu redis "$@"',
  "fi",
  'exec "$@"',
  "",
].join("\n");

/**
 * docker-library's gosu step, FROM through a RUN that only fetches, verifies and installs the
 * release binary: Dockerfile lines, to be followed by the test's own ENTRYPOINT and CMD.
 */
export const GOSU_DOWNLOAD_LINES: readonly string[] = [
  "FROM debian:bookworm-slim",
  "ENV GOSU_VERSION 1.17",
  "RUN set -eux; \\",
  "\tapt-get update; \\",
  "\tapt-get install -y --no-install-recommends ca-certificates gnupg wget; \\",
  `\tdpkgArch="$(dpkg --print-architecture | awk -F- '{ print $NF }')"; \\`,
  '\twget -O /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch"; \\',
  "\tchmod +x /usr/local/bin/gosu; \\",
  "\tgosu nobody true",
];
