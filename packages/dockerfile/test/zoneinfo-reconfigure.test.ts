// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text holds ${VAR} on purpose
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const runs = (r: ReturnType<typeof migrate>) =>
  r.output.split("\n").filter((l) => l.startsWith("RUN "));

describe("dpkg-reconfigure tzdata after a write of /etc/timezone", () => {
  it("becomes the /etc/localtime link for a literal zone, tzdata installed", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN echo Europe/Paris > /etc/timezone && dpkg-reconfigure -f noninteractive tzdata\n",
    );
    expect(runs(r)).toEqual([
      "RUN apk add --no-cache tzdata",
      "RUN echo Europe/Paris > /etc/timezone && ln -sf /usr/share/zoneinfo/Europe/Paris /etc/localtime",
    ]);
    const again = migrate(r.output);
    expect(again.output).toBe(r.output);
  });

  it("uses the stage's TZ variable as written", () => {
    const r = migrate(
      'FROM ubuntu:22.04\nENV TZ=America/New_York\nRUN echo "$TZ" > /etc/timezone && dpkg-reconfigure -f noninteractive tzdata\n',
    );
    expect(runs(r)).toContain(
      'RUN echo "$TZ" > /etc/timezone && ln -sf "/usr/share/zoneinfo/${TZ}" /etc/localtime',
    );
  });

  it("warns and removes the call for a zone it cannot read", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN echo $ZONE > /etc/timezone && dpkg-reconfigure -f noninteractive tzdata\n",
    );
    expect(runs(r)).toEqual(["RUN echo $ZONE > /etc/timezone"]);
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/^dpkg-reconfigure tzdata removed: .*ln -sf \/usr\/share\/zoneinfo\//),
    );
  });
});
