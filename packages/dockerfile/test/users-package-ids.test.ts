import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

/** The users warnings about IDs an installed package took, as `line: text`. */
function taken(lines: string[]): string[] {
  return migrate(["FROM debian:bookworm", ...lines, ""].join("\n"))
    .warnings.filter((w) => w.rule === "users" && /taken on Alpine by/.test(w.message))
    .map((w) => `${w.line}: ${w.message}`);
}

const NGINX = "RUN apt-get update && apt-get install -y nginx";

describe("users: IDs an Alpine package's install script takes before the file's own", () => {
  it("warns of groupadd -g 101 after nginx, whose group gets busybox's first free system GID", () => {
    const [w, ...rest] = taken([NGINX, "RUN groupadd -g 101 app && useradd -u 101 -g app -M app"]);
    expect(rest).toEqual([]);
    expect(w).toMatch(/^3: GID 101 is taken on Alpine by group nginx: Alpine's nginx package/);
    expect(w).toContain("busybox picks the first free system GID (100 up), 101 here");
    expect(w).toContain("busybox addgroup -g 101 then stops (gid '101' in use)");
  });

  it("warns of both IDs redis's group and user took (redis-tools becomes redis)", () => {
    const found = taken([
      "RUN apt-get update && apt-get install -y redis-tools",
      "RUN groupadd -r -g 101 app && useradd -r -u 100 -g app app",
    ]);
    expect(found).toEqual([
      expect.stringMatching(
        /^3: GID 101 is taken on Alpine by group redis: Alpine's redis package/,
      ),
      expect.stringMatching(/^3: UID 100 is taken on Alpine by user redis: Alpine's redis package/),
    ]);
  });

  it("warns of the own group busybox adduser -u N makes with GID N", () => {
    const [w] = taken([NGINX, "RUN useradd -u 101 app"]);
    expect(w).toMatch(
      /^3: GID 101, which busybox adduser -u 101 without -G gives the group of app it makes, is taken on Alpine by group nginx/,
    );
    expect(w).toContain("make this user before the package's install");
    // An adduser busybox reads as written (kept) makes its own group the same way.
    expect(taken([NGINX, "RUN adduser --disabled-password --gecos '' --uid 101 app"])).toEqual([
      expect.stringMatching(
        /^3: GID 101, which busybox adduser -u 101 without -G gives the group of app/,
      ),
    ]);
  });

  it("leaves an account of the package's own name to the warning that it exists already", () => {
    const r = migrate(
      `FROM debian:bookworm\n${NGINX} && groupadd -g 101 nginx && useradd -u 100 -g nginx nginx\nRUN useradd -u 101 nginx\n`,
    );
    expect(r.warnings.filter((w) => /taken on Alpine by/.test(w.message))).toEqual([]);
    expect(
      r.warnings.filter((w) => /created by Alpine's nginx package/.test(w.message)),
    ).toHaveLength(3);
  });

  it("follows the order: an account made first moves the package's IDs on", () => {
    expect(taken(["RUN groupadd -g 101 app", NGINX])).toEqual([]);
    expect(taken(["RUN groupadd -g 101 app", NGINX, "RUN groupadd -g 101 b"])).toEqual([]);
    expect(taken(["RUN groupadd -g 101 app", NGINX, "RUN groupadd -g 102 web"])).toEqual([
      expect.stringMatching(/^4: GID 102 is taken on Alpine by group nginx/),
    ]);
    // Two packages in one install: nginx's group 101, user 100; redis's group 102, user 101.
    expect(
      taken([
        "RUN apt-get update && apt-get install -y nginx redis-server",
        "RUN useradd -r -u 101 -g users a",
      ]),
    ).toEqual([expect.stringMatching(/^3: UID 101 is taken on Alpine by user redis/)]);
  });

  it("follows the stage a stage is built on, and not a sibling", () => {
    const web = ["FROM debian:bookworm AS web", NGINX];
    expect(
      migrate([...web, "FROM web", "RUN groupadd -g 101 app", ""].join("\n")).warnings.map((w) =>
        /taken on Alpine by group nginx/.test(w.message) ? w.line : 0,
      ),
    ).toContain(4);
    const sibling = [...web, "FROM debian:bookworm", "RUN groupadd -g 101 app", ""].join("\n");
    expect(migrate(sibling).warnings.some((w) => /taken on Alpine by/.test(w.message))).toBe(false);
  });

  it("starts from the official image's accounts: rabbitmq's 100/101 on Alpine push nginx's on", () => {
    const r = migrate(
      "FROM rabbitmq:4.2\nRUN apt-get update && apt-get install -y nginx\nRUN groupadd -g 102 a && useradd -u 101 -g a b\n",
    );
    const found = r.warnings.filter((w) => /taken on Alpine by/.test(w.message));
    expect(found.map((w) => /by (\S+ \S+):/.exec(w.message)?.[1])).toEqual([
      "group nginx",
      "user nginx",
    ]);
  });

  it("keeps two stages built FROM one stage apart", () => {
    const text = [
      "FROM debian:bookworm AS web",
      NGINX,
      "RUN groupadd -g 1500 web",
      "FROM web AS a",
      "RUN apt-get install -y redis-server && groupadd -g 102 app",
      "FROM web AS b",
      "RUN groupadd -g 102 app && groupadd -g 101 other",
      "",
    ].join("\n");
    const found = migrate(text)
      .warnings.filter((w) => /taken on Alpine by/.test(w.message))
      .map((w) => `${w.line}: ${/by (\S+ \S+):/.exec(w.message)?.[1]}`);
    // Stage a's redis took 102 there; stage b never installs it.
    expect(found).toEqual(["5: group redis", "7: group nginx"]);
  });

  it("says probably where a step before had an ID alpinize cannot know", () => {
    const [w] = taken([
      "ARG GID=5000",
      'RUN groupadd -r -g "$GID" a',
      NGINX,
      "RUN groupadd -g 101 app",
    ]);
    expect(w).toMatch(/^5: GID 101 is probably taken on Alpine by group nginx/);
    expect(w).toContain("which is 101 unless a step before it");
  });

  it("names an ID the script sets itself (squid's 31), and leaves packages without a script alone", () => {
    const [w] = taken(["RUN apt-get update && apt-get install -y squid", "RUN useradd -u 31 app"]);
    expect(w).toMatch(/^3: UID 31 is taken on Alpine by user squid/);
    expect(w).toContain("makes it in its install script with UID 31 itself");
    expect(
      taken(["RUN apt-get update && apt-get install -y curl", "RUN groupadd -g 101 app"]),
    ).toEqual([]);
  });
});
