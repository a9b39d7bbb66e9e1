// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const gidWarnings = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => w.rule === "users" && /GID|group name/.test(w.message));

describe("users: a GID given by a variable names the group made with it", () => {
  it("turns the devcontainer pattern's --gid $USER_GID into the group's name", () => {
    const r = migrate(
      [
        "FROM ubuntu:22.04",
        "ARG USERNAME=vscode",
        "ARG USER_UID=1000",
        "ARG USER_GID=$USER_UID",
        "RUN groupadd --gid $USER_GID $USERNAME \\",
        "    && useradd --uid $USER_UID --gid $USER_GID -m $USERNAME",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain(
      "RUN addgroup -g $USER_GID $USERNAME \\\n    && adduser -D -u $USER_UID -G $USERNAME $USERNAME\n",
    );
    expect(gidWarnings(r)).toEqual([]);
  });

  it("matches $GID, ${GID} and quoted forms of the same variable, across RUN lines", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "ARG group=jenkins",
        "ARG gid=1000",
        'RUN groupadd -g "${gid}" ${group}',
        "RUN useradd -u 1000 -g $gid -m jenkins && usermod -aG ${gid} ops",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain('RUN addgroup -g "${gid}" ${group}\n');
    expect(r.output).toContain(
      "RUN adduser -D -u 1000 -G ${group} jenkins && addgroup ops ${group}\n",
    );
    expect(gidWarnings(r)).toEqual([]);
  });

  it("follows a group made in the stage this one is built FROM", () => {
    const r = migrate(
      [
        "FROM debian:bookworm AS base",
        "ARG APP_GID=2000",
        "RUN groupadd -g ${APP_GID} app",
        "FROM base",
        "RUN useradd -g ${APP_GID} -m bob && gpasswd -a eve ${APP_GID}",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN adduser -D -G app bob && addgroup eve app\n");
    expect(gidWarnings(r)).toEqual([]);
  });

  it("still warns when no group of this stage or its parents has that GID", () => {
    const r = migrate(
      [
        "FROM debian:bookworm AS other",
        "RUN groupadd -g $USER_GID dev && groupadd -g 1500 ops",
        "FROM debian:bookworm",
        "RUN useradd -g $USER_GID -m dev && useradd -g 1500 -m op",
        "",
      ].join("\n"),
    );
    // A group made in an unrelated stage does not exist in this one.
    expect(r.output).toContain("RUN adduser -D -G $USER_GID dev && adduser -D -G 1500 op\n");
    const m = gidWarnings(r).map((w) => w.message);
    expect(m).toHaveLength(2);
    expect(m[0]).toMatch(/useradd -g \$USER_GID: .*no groupadd\/addgroup of this stage/);
    expect(m[1]).toMatch(/useradd -g 1500: .*creates no group with GID 1500/);
  });

  it("leaves a variable that may hold a name alone, unless a group was made with it as GID", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN groupadd -g $DOCKER_GROUP_ID docker",
        "RUN usermod -aG $DOCKER_GROUP_ID bob && usermod -aG $EXTRA bob",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN addgroup bob docker && addgroup bob $EXTRA\n");
  });

  it("reads Debian adduser --gid the same way", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN addgroup --gid $GID app && adduser --uid $UID --gid $GID --disabled-password app",
        "",
      ].join("\n"),
    );
    expect(r.output).toContain("RUN addgroup -g $GID app && adduser -D -u $UID -G app app\n");
    expect(gidWarnings(r)).toEqual([]);
  });
});
