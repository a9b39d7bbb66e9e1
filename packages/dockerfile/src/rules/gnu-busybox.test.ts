import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../index.js";

const migrate = (text: string) => migrateDockerfile(text, { fileName: "Dockerfile" });
const added = (text: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === "busybox")
    .map((w) => w.message);

// The rule reads @alpinize/busybox's tables, the ones the entrypoint lint and check read: what
// they know of find, ps and date the rule acts on too.
describe("rule busybox: the shared busybox tables", () => {
  it("adds procps-ng for ps options busybox rejects, and leaves ps aux alone", () => {
    const r = migrate("FROM debian:12\nRUN ps -C nginx -o pid= || true\nRUN ps aux\n");
    expect(r.output).toMatch(/^FROM alpine:\d+\.\d+\nRUN apk add --no-cache procps-ng\n/);
    expect(added("FROM debian:12\nRUN ps -eo pid,%cpu\n")).toEqual([
      "busybox ps has no column %cpu: added procps-ng",
    ]);
    expect(added("FROM debian:12\nRUN ps aux && ps -ef\n")).toEqual([]);
  });

  it("adds findutils for find values busybox cannot read", () => {
    expect(added("FROM debian:12\nRUN find / -type f,l -size +1G\n")).toEqual([
      "busybox find has no -type f,l (a list of types): added findutils",
    ]);
  });

  it("adds coreutils for date --rfc-email, and never a package for adduser", () => {
    expect(added("FROM debian:12\nRUN date --rfc-email\n")).toEqual([
      "busybox date rejects --rfc-email: added coreutils",
    ]);
    expect(added("FROM debian:12\nRUN date --reference=/etc/hostname +%s\n")).toEqual([]);
    expect(
      migrate("FROM debian:12\nRUN adduser --quiet --disabled-login app\n").output,
    ).not.toMatch(/apk add/);
  });
});
