/**
 * One busybox command of an Alpine package's `*.pre-install` script that makes an account. Every
 * such command in the table runs with -S, so busybox picks a system ID (100..999) where the script
 * gives none; `gid`/`uid`: the ID the script sets itself.
 */
export type PackageAccountStep =
  | { tool: "addgroup"; group: string; gid?: number }
  | { tool: "adduser"; user: string; group: string; uid?: number };

/** What an Alpine package's pre-install script does to /etc/group and /etc/passwd, in order. */
export interface PackageScript {
  pkg: string;
  steps: readonly PackageAccountStep[];
}

/** The common script: `addgroup -S NAME` then `adduser -S … -G NAME NAME`. */
function groupAndUser(pkg: string, name = pkg): PackageScript {
  return {
    pkg,
    steps: [
      { tool: "addgroup", group: name },
      { tool: "adduser", user: name, group: name },
    ],
  };
}

/** nginx and apache2 first make www-data with Alpine's GID 82 (the base image already has it). */
function webServer(pkg: string, name: string): PackageScript {
  const own = groupAndUser(pkg, name);
  return { pkg, steps: [{ tool: "addgroup", group: "www-data", gid: 82 }, ...own.steps] };
}

/**
 * Read in aports (`<pkg>.pre-install`, main/ and community/): each one's addgroup/adduser lines
 * (its `addgroup USER GROUP` joins make no account and are left out). All run with -S and
 * `2>/dev/null`, so a name already there is skipped without a word, and a taken `-g` makes nothing.
 */
export const PACKAGE_SCRIPTS: readonly PackageScript[] = [
  { pkg: "docker", steps: [{ tool: "addgroup", group: "docker" }] },
  { pkg: "docker-engine", steps: [{ tool: "addgroup", group: "docker" }] },
  webServer("nginx", "nginx"),
  webServer("apache2", "apache"),
  groupAndUser("redis"),
  groupAndUser("valkey"),
  groupAndUser("haproxy"),
  groupAndUser("varnish"),
  groupAndUser("mariadb", "mysql"),
  groupAndUser("memcached"),
  groupAndUser("chrony"),
  groupAndUser("bind", "named"),
  groupAndUser("dbus", "messagebus"),
  {
    pkg: "squid",
    steps: [
      { tool: "addgroup", group: "squid", gid: 31 },
      { tool: "adduser", user: "squid", group: "squid", uid: 31 },
      { tool: "addgroup", group: "winbind" },
    ],
  },
];

const BY_PACKAGE: ReadonlyMap<string, PackageScript> = new Map(
  PACKAGE_SCRIPTS.map((s) => [s.pkg, s]),
);

/** The pre-install script of Alpine package `pkg`, when the table has it. */
export function packageScript(pkg: string): PackageScript | undefined {
  return BY_PACKAGE.get(pkg);
}
