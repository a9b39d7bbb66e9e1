import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("users: Debian's adduser --option=value", () => {
  // The value joined with `=` was read under the whole word (`--uid=1200`), so it was lost.
  it("keeps the UID, home, shell and comment given with =", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN adduser --quiet --disabled-password --uid=1200 --home=/srv/app --shell=/bin/sh --gecos=App app\n",
    );
    expect(r.output).toContain("RUN adduser -D -u 1200 -h /srv/app -s /bin/sh -g App app\n");
  });

  it("reads --gid= and --ingroup= as group options", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN groupadd -g 1300 data && adduser --quiet --disabled-password --gid=1300 a && adduser --quiet --disabled-password --ingroup=data b\n",
    );
    expect(r.output).toContain(
      "RUN addgroup -g 1300 data && adduser -D -G data a && adduser -D -G data b\n",
    );
  });
});
