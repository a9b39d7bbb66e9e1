import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";
import {
  busyboxSkipReason,
  expectBodiesPass,
  makeAlpineRoot,
  runBodies,
} from "./support/busybox-root.js";

/** The pool lines Alpine's phpNN-fpm ships (php-src's default user), around them a few others. */
const ALPINE_POOL =
  "[www]\nuser = nobody\ngroup = nobody\nlisten = 127.0.0.1:9000\n;listen.owner = nobody\n";

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("www-data under busybox", () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  /** Runs the migrated RUN lines (apk's left out: no network here) in a fresh Alpine root. */
  function runAll(dockerfile: string, setup: (root: string) => void = () => {}): string {
    root = makeAlpineRoot("alpinize-www-data-");
    setup(root);
    const output = migrate(dockerfile).output;
    expectBodiesPass(
      root,
      runBodies(output).filter((b) => !b.startsWith("apk add")),
    );
    return output;
  }

  it("runs su -s /bin/sh www-data -c … once the user is added", () => {
    // A user other than root must get into the (mkdtemp 0700) root and write its /tmp.
    const open = (r: string) => {
      chmodSync(r, 0o755);
      chmodSync(join(r, "tmp"), 0o1777);
    };
    runAll(
      "FROM debian:bookworm\nRUN su -s /bin/sh www-data -c 'id -un > /tmp/who; id -gn >> /tmp/who'\n",
      open,
    );
    expect(readFileSync(join(root!, "tmp/who"), "utf8")).toBe("www-data\nwww-data\n");
  });

  it("turns Alpine's pool user nobody into www-data, and leaves the other lines", () => {
    const output = runAll(
      "FROM debian:bookworm\nRUN apt-get install -y php-fpm\nUSER www-data\n",
      (r) => {
        // The version the map picks is only known after the migration: every candidate gets one.
        for (const v of ["81", "82", "83", "84", "85"]) {
          mkdirSync(join(r, `etc/php${v}/php-fpm.d`), { recursive: true });
          writeFileSync(join(r, `etc/php${v}/php-fpm.d/www.conf`), ALPINE_POOL);
        }
      },
    );
    const v = /\bphp(\d+)-fpm\b/.exec(output)?.[1];
    expect(readFileSync(join(root!, `etc/php${v}/php-fpm.d/www.conf`), "utf8")).toBe(
      "[www]\nuser = www-data\ngroup = www-data\nlisten = 127.0.0.1:9000\n;listen.owner = nobody\n",
    );
  });
});
