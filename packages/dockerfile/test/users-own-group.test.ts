import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const missingGroup = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.rule === "users" && /not in Alpine's base image/.test(w.message));

describe("users: the group useradd gives a user of its own counts as created", () => {
  it("knows useradd -r's group and the one busybox adduser makes", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN useradd -r svc && usermod -aG svc bob",
        "RUN useradd -m app && gpasswd -a bob app && useradd -m -G app,svc eve",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      "RUN addgroup -S svc && adduser -S -D -G svc -s /bin/sh -H svc && addgroup bob svc\n",
    );
    expect(r.output).toContain(
      "RUN adduser -D app && addgroup bob app && adduser -D eve && addgroup eve app && addgroup eve svc\n",
    );
    expect(missingGroup(r)).toEqual([]);
  });

  it("knows the group busybox adduser gives a Debian adduser call it takes as written", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        'RUN adduser --disabled-password --gecos "" app && usermod -aG app bob',
        // Debian's adduser --system without --group makes no group of the user's name either.
        "RUN adduser --system --disabled-password svc && usermod -aG svc bob",
        "",
      ].join("\n"),
    );
    expect(missingGroup(r).map((w) => w.message)).toEqual([
      "group svc is not in Alpine's base image and this file does not create it first: addgroup would fail there; create it (addgroup) or drop it",
    ]);
  });

  it("still flags a group no step makes: with -g or -N the user gets none of its own", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN useradd -g users -m a && useradd -N -m b && usermod -aG a c && usermod -aG b c",
        "",
      ].join("\n"),
    );
    expect(missingGroup(r).map((w) => w.message)).toEqual([
      "group a is not in Alpine's base image and this file does not create it first: addgroup would fail there; create it (addgroup) or drop it",
      "group b is not in Alpine's base image and this file does not create it first: addgroup would fail there; create it (addgroup) or drop it",
    ]);
  });
});
