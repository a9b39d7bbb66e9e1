import { describe, expect, it } from "vitest";
import { freeId } from "../src/rules/users-free-id.js";

// The ID the users warnings suggest in place of one Alpine's base holds: one meant for new
// accounts, never nobody's 65534 or 65535 ((uid_t)-1 to 16-bit interfaces).

describe("freeId", () => {
  it("suggests the first free ID from 1000 for nobody's and nogroup's IDs", () => {
    expect(freeId("gid", 65534, "RUN groupadd -g 65534 nogroup")).toBe(1000);
    expect(freeId("uid", 65534, "RUN useradd -u 65534 app")).toBe(1000);
    expect(freeId("gid", 65533, "RUN groupadd -g 65533 x")).toBe(1000);
  });

  it("skips IDs the file names, and wraps within 1000 to 59999", () => {
    expect(freeId("gid", 65534, "RUN groupadd -g 1000 a && groupadd -g 1001 b")).toBe(1002);
    expect(freeId("uid", 59999, "")).toBe(1000);
    expect(freeId("uid", 5000, "")).toBe(5001);
  });

  it("keeps a system ID in 100 to 999: downwards first, then upwards", () => {
    expect(freeId("gid", 999, "")).toBe(998);
    expect(freeId("uid", 123, "")).toBe(122);
    // GID 100 is users: nothing free below it in the system range, so upwards.
    expect(freeId("gid", 100, "")).toBe(101);
  });

  it("gives a statically allocated ID below 100 the highest free system ID", () => {
    expect(freeId("gid", 16, "")).toBe(998);
    expect(freeId("uid", 22, "")).toBe(999);
  });

  it("never returns 65534 or 65535, even with every usual candidate named", () => {
    const all = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i).join(" ");
    expect(freeId("gid", 999, all(100, 999))).toBe(1000);
    expect(freeId("gid", 65534, all(1000, 59999))).toBeUndefined();
    expect(freeId("gid", 999, `${all(100, 999)} ${all(1000, 59999)}`)).toBeUndefined();
  });
});
