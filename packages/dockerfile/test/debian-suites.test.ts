import { describe, expect, it } from "vitest";
import { debianRelease, releaseByCodename } from "../src/rules/debian-releases.js";

describe("the release table's Debian suites no rule judges", () => {
  it("names jessie, stretch, forky and sid in a tag, for check's image families", () => {
    expect(
      ["8-jessie", "3.6-stretch-slim", "forky", "sid-20250101"].map(
        (tag) => releaseByCodename(tag, "python")?.codename,
      ),
    ).toEqual(["jessie", "stretch", "forky", "sid"]);
  });

  it("gives them to no rule that judges a release (dash/sh, python3, Java): as before", () => {
    for (const image of [
      "debian:jessie",
      "debian:9",
      "debian:forky",
      "debian:sid",
      "node:8-stretch",
    ])
      expect(debianRelease(image)).toBeUndefined();
    // A release the rules know still wins when a tag names both.
    expect(debianRelease("x:1-sid-bookworm")?.codename).toBe("bookworm");
    expect(debianRelease("debian:12-slim")?.codename).toBe("bookworm");
  });
});
