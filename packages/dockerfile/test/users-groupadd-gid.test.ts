// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const users = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.rule === "users").map((w) => w.message);

describe("users: groupadd -f -g N where GID N is taken", () => {
  // groupadd -f then makes the group with the next free GID (rc 0); busybox addgroup -g stops.
  it("drops -g N for a GID Alpine's base has and keeps (Debian's users has 100 too)", () => {
    const r = migrate("FROM debian:bookworm\nRUN groupadd -f -g 100 docker\n");
    expect(r.output).toContain("RUN { grep -q '^docker:' /etc/group || addgroup docker; }\n");
    expect(users(r)).toEqual([
      "groupadd -f -g 100: GID 100 belongs to group users on Alpine, and busybox addgroup -g would stop (gid '100' in use): groupadd -f makes docker with the next free GID then, so -g 100 is dropped",
    ]);
  });

  it("drops -g N for a GID a group of this stage has", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN groupadd -g 1200 data && groupadd -f -r -g 1200 cache\n",
    );
    expect(r.output).toContain(
      "RUN addgroup -g 1200 data && { grep -q '^cache:' /etc/group || addgroup -S cache; }\n",
    );
    expect(users(r)).toHaveLength(1);
  });

  it("leaves a free GID, and a group Alpine has already, without a GID warning", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN groupadd -f -g 1300 free && groupadd -f -g 100 users\n",
    );
    expect(r.output).toContain(
      "RUN { grep -q '^free:' /etc/group || addgroup -g 1300 free; } && { grep -q '^users:' /etc/group || addgroup -g 100 users; }\n",
    );
    expect(users(r)).toEqual([]);
  });

  it("says when the group Alpine has keeps another GID than the one asked for", () => {
    const r = migrate("FROM debian:bookworm\nRUN groupadd -f -g 1000 ping\n");
    expect(users(r)).toEqual([
      "groupadd -f -g 1000: group ping already exists on Alpine with GID 999, and groupadd -f leaves it so: what expects GID 1000 gets 999",
    ]);
  });
});

describe("users: groupadd -f -g $GID (a GID known when the line runs)", () => {
  it("falls back to the next free GID when addgroup -g stops on it, as groupadd -f does", () => {
    const r = migrate("FROM debian:bookworm\nRUN groupadd -f -g $DOCKER_GID docker\n");
    expect(r.output).toContain(
      "RUN { grep -q '^docker:' /etc/group || addgroup -g $DOCKER_GID docker || addgroup docker; }\n",
    );
  });
});

describe("users: groupadd -o -g N (a GID shared with another group)", () => {
  it("appends the group's line when GID N is taken: busybox addgroup cannot share it", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN groupadd -o -g 999 pong && groupadd -o -f -g 999 pong2",
        "RUN useradd -m bob && usermod -aG pong,pong2 bob",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      "RUN echo pong:x:999: >> /etc/group && { grep -q '^pong2:' /etc/group || echo pong2:x:999: >> /etc/group; }\n",
    );
    expect(users(r)).toEqual([
      "groupadd -o -g 999: busybox addgroup cannot give GID 999, which group ping already has, to a second group: pong's line is appended to /etc/group, as groupadd -o writes it (Alpine has no /etc/gshadow); or use group ping itself",
      "groupadd -o -g 999: busybox addgroup cannot give GID 999, which group pong already has, to a second group: pong2's line is appended to /etc/group, as groupadd -o writes it (Alpine has no /etc/gshadow); or use group pong itself",
    ]);
  });

  it("follows a GID variable a group of this stage has", () => {
    const r = migrate(
      'FROM debian:bookworm\nARG GID=1500\nRUN groupadd -g $GID a && groupadd -o -g "${GID}" "$NAME"\n',
    );
    expect(r.output).toContain('RUN addgroup -g $GID a && echo "$NAME:x:${GID}:" >> /etc/group\n');
  });

  it("drops -o for a free GID, and warns for a GID variable nothing here has", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN groupadd -o -g 1400 solo && groupadd -o -g $DOCKER_GID docker\n",
    );
    expect(r.output).toContain("RUN addgroup -g 1400 solo && addgroup -g $DOCKER_GID docker\n");
    expect(users(r)).toEqual([
      'groupadd -o -g $DOCKER_GID: busybox addgroup cannot give a GID to a second group, and stops (gid in use) when $DOCKER_GID is taken as this runs (Alpine\'s ping has 999, users 100): to share it, append the line instead (echo "docker:x:$DOCKER_GID:" >> /etc/group)',
    ]);
  });
});
