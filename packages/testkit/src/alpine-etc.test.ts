import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ALPINE_GROUP, ALPINE_PASSWD, alpineShadow } from "./alpine-etc.js";

// The shared corpus keeps unmodified copies of alpine-baselayout's files next to the repository.
const CORPUS = fileURLToPath(new URL("../../../../shared/corpus/alpine-rootfs/", import.meta.url));
const HAVE_CORPUS = existsSync(`${CORPUS}group`);
if (!HAVE_CORPUS) console.warn(`skipping the corpus comparison: ${CORPUS} is absent`);

describe.skipIf(!HAVE_CORPUS)("Alpine's base /etc files", () => {
  it("are the corpus's copies of alpine-baselayout's passwd and group", () => {
    expect(ALPINE_PASSWD).toBe(readFileSync(`${CORPUS}passwd`, "utf8"));
    expect(ALPINE_GROUP).toBe(readFileSync(`${CORPUS}group`, "utf8"));
  });
});

describe("alpineShadow", () => {
  it("locks every account but root, one line per passwd line", () => {
    const lines = alpineShadow().split("\n").filter(Boolean);
    expect(lines).toHaveLength(ALPINE_PASSWD.split("\n").filter(Boolean).length);
    expect(lines[0]).toBe("root:*::0:::::");
    expect(lines.slice(1).every((l) => /^[a-z]+:!::0:::::$/.test(l))).toBe(true);
  });
});
