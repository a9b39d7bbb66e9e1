// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const clashWarnings = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.rule === "users" && /in use/.test(w.message));

describe("users: useradd -u N where a group already has GID N", () => {
  // busybox adduser without -G makes the user's group with GID = UID and stops with
  // "uid 'N' in use" when a group has that GID; useradd gives the group another GID instead.
  it("makes the user's group first when Alpine's base has GID N and keeps it (users is 100)", () => {
    const r = migrate("FROM debian:bookworm\nRUN useradd -u 100 -m app\n");
    expect(r.output).toContain("RUN addgroup app && adduser -D -u 100 -G app app\n");
    expect(clashWarnings(r).map((w) => w.message)).toEqual([
      "useradd -u 100: GID 100 belongs to group users on Alpine, and busybox adduser would give app's own group GID 100 and stop (uid '100' in use): the group is made first (addgroup app) and gets the next free GID, as useradd gives it",
    ]);
  });

  it("makes the user's group first when this stage made a group with that GID", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN groupadd -g 1000 docker && useradd -u 1000 -m jenkins\n",
    );
    expect(r.output).toContain(
      "RUN addgroup -g 1000 docker && addgroup jenkins && adduser -D -u 1000 -G jenkins jenkins\n",
    );
    expect(clashWarnings(r)).toHaveLength(1);
  });

  it("follows the same GID variable, written either way", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "ARG ID=1200",
        "RUN groupadd -g $ID data",
        "RUN id app || useradd -u ${ID} -m app",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      "RUN id app || { addgroup app && adduser -D -u ${ID} -G app app; }\n",
    );
  });

  it("changes nothing when the user names a group, has none of its own, or the GID is free", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN groupadd -g 1000 docker",
        "RUN useradd -u 1000 -g docker -m a && useradd -u 999 -N b && useradd -u 1001 -m c",
        "RUN useradd -r -u 998 d",
        // Debian's useradd fails here too: a group named like the user already exists.
        "RUN groupadd -g 2000 e && useradd -u 2000 e",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      "RUN adduser -D -u 1000 -G docker a && adduser -D -u 999 -G users -H b && adduser -D -u 1001 c\n",
    );
    expect(r.output).toContain(
      "RUN addgroup -S -g 998 d && adduser -S -D -u 998 -G d -s /bin/sh -H d\n",
    );
    expect(r.output).toContain("RUN addgroup -g 2000 e && adduser -D -u 2000 -H e\n");
    expect(clashWarnings(r)).toEqual([]);
  });
});
