import { describe, expect, it } from "vitest";
import { migrate } from "../../test/helpers.js";

const FROM = "FROM debian:bookworm-slim\n";

const said = (text: string, re: RegExp) =>
  migrate(text)
    .warnings.filter((w) => re.test(w.message))
    .map((w) => `${w.line}: ${w.message}`);

describe("rule users: usermod -l NEW OLD renames a user the steps after it use", () => {
  it("warns at a later step that still names the old user, in the stage and those built FROM it", () => {
    const text = [
      `${FROM.trim()} AS base`,
      "RUN useradd -u 1000 app && usermod -l web app && chown web /srv && chown app /srv",
      "USER web",
      "COPY --chown=app:app x /x",
      "FROM base",
      "RUN gosu app true && su -c id web",
      "",
    ].join("\n");
    expect(said(text, /renamed/)).toEqual([
      "2: usermod -l on line 2 renamed user app to web, so there is no user app here (on Debian either): write web",
      "4: usermod -l on line 2 renamed user app to web, so there is no user app here (on Debian either): write web",
      "6: usermod -l on line 2 renamed user app to web, so there is no user app here (on Debian either): write web",
    ]);
  });

  it("warns only between the rename and a step that makes the name again", () => {
    const text = [
      "RUN useradd app && chown app /a && usermod -l web app",
      "RUN chown app /b",
      "RUN useradd app && chown app /c",
      "USER app",
    ].join("\n");
    expect(said(`${FROM}${text}\n`, /renamed/).map((m) => m.slice(0, 2))).toEqual(["3:"]);
  });

  it("follows the stages built FROM the renaming one, not their siblings, and chained renames", () => {
    const text = [
      `${FROM.trim()} AS base`,
      "RUN useradd app",
      "FROM base AS one",
      "RUN usermod -l web app && usermod -l www web",
      "FROM base AS two",
      "USER app",
      "FROM one",
      "USER app",
      "",
    ].join("\n");
    expect(said(text, /renamed/)).toEqual([
      "8: usermod -l on line 4 renamed user app to www, so there is no user app here (on Debian either): write www",
    ]);
  });

  it("takes a Debian-only name given by the rename as the file's own user", () => {
    // Without the rename, USER proxy is Debian's base user, missing on Alpine.
    const text = `${FROM}RUN useradd -u 1000 app && usermod -l proxy app\nUSER proxy\n`;
    expect(
      said(text, /proxy/).filter((m) => /Debian's base image, not in Alpine's/.test(m)),
    ).toEqual([]);
  });

  it("makes Debian's www-data first when the file renames it", () => {
    const r = migrate(`${FROM}RUN usermod -l web www-data\nUSER web\n`);
    expect(r.output).toContain("RUN adduser -u 82 -D -S -H -G www-data www-data\n");
  });
});

describe("rule users: groupmod -n NEW OLD", () => {
  it("warns at a later step that names the old group", () => {
    const text = `${FROM}RUN groupadd -g 1000 app && groupmod -n grp app\nRUN chgrp app /srv\nUSER root:app\n`;
    expect(said(text, /renamed/).map((m) => m.slice(0, 3))).toEqual(["3: ", "4: "]);
  });

  it("gives a GID's group by its new name", () => {
    const r = migrate(
      `${FROM}RUN groupadd -g 1000 app && groupmod -n grp app && useradd -u 1000 -g 1000 bob\n`,
    );
    expect(r.output).toContain("adduser -D -u 1000 -G grp -H bob");
  });
});
