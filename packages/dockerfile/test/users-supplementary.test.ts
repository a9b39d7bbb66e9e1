import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("users: useradd -G with an empty list", () => {
  it("adds the user to no group, as useradd does, instead of addgroup USER ''", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN useradd -m -G '' app && useradd --groups= -m bob\n",
    );
    expect(r.output).toContain("RUN adduser -D app && adduser -D bob\n");
  });
});
