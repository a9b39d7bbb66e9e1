import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALPINE_BASE_GROUPS } from "../src/rules/alpine-base.js";
import { DEBIAN_BASE_GROUPS } from "../src/rules/debian-base-groups.js";
import { migrate } from "./helpers.js";
import {
  alpineRoots,
  busyboxSkipReason,
  expectBodiesPass,
  runBodies,
} from "./support/busybox-root.js";

// Debian's `adduser --system NAME` (no --group, --ingroup or --gid) puts the user in nogroup, as
// busybox `adduser -S` does; the two nogroups differ in GID.
const nogroupWarnings = (lines: string[], from = "debian:bookworm") =>
  migrate([`FROM ${from}`, ...lines, ""].join("\n"))
    .warnings.filter((w) => /nogroup/.test(w.message))
    .map((w) => `${w.line}: ${w.message}`);

const alpineNogroup = [...ALPINE_BASE_GROUPS].find(([, n]) => n === "nogroup")![0];

describe("users: Debian's adduser --system with no group of its own", () => {
  it("warns that nogroup is another GID on Alpine, once per stage", () => {
    expect(
      nogroupWarnings(["RUN adduser --system app && adduser --system b && chown b:nogroup /x"]),
    ).toEqual([
      "2: adduser --system app: Debian's adduser and busybox adduser -S both give app the primary group nogroup, but nogroup is GID 65534 in Debian's base image and 65533 in Alpine's (65534 is group nobody there): files app makes get GID 65533, and files a volume or the host keeps with GID 65534 are not its group's here; if Debian's number matters, give app group nobody (adduser -S -G nobody …), GID 65534 on Alpine",
    ]);
    expect(DEBIAN_BASE_GROUPS.get("nogroup")).toBe(65534);
    expect(alpineNogroup).toBe(65533);
  });

  it("not where the user gets a group of its own or a named one, nor for busybox's own -S", () => {
    expect(nogroupWarnings(["RUN adduser --system --group app"])).toEqual([]);
    expect(nogroupWarnings(["RUN adduser --system --ingroup users app"])).toEqual([]);
    expect(nogroupWarnings(["RUN useradd -r app"])).toEqual([]);
    expect(nogroupWarnings(["RUN adduser -S -D app"])).toEqual([]);
    expect(nogroupWarnings(["RUN adduser --system app"], "alpine:3.23")).toEqual([]);
  });
});

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("users: adduser --system's group, under busybox", () => {
  const newRoot = alpineRoots("alpinize-system-nogroup-");

  it("busybox gives the migrated user Alpine's nogroup as primary group", () => {
    const root = newRoot();
    const r = migrate("FROM debian:bookworm\nRUN adduser --system app\n");
    expectBodiesPass(root, runBodies(r.output));
    const passwd = readFileSync(join(root, "etc/passwd"), "utf8");
    expect(passwd).toMatch(new RegExp(`^app:x:\\d+:${alpineNogroup}:`, "m"));
    expect(readFileSync(join(root, "etc/group"), "utf8")).toMatch(
      new RegExp(`^nogroup:x:${alpineNogroup}:`, "m"),
    );
  });
});
