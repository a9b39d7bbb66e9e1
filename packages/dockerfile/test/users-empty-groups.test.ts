import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("users: usermod -aG '' adds the user to no group", () => {
  // shadow's usermod takes an empty list as no group (rc 0); busybox addgroup USER '' fails.
  it("drops the step from its chain, and a RUN left with nothing", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN useradd -m dev && usermod -aG '' dev && echo ok",
        'RUN usermod -aG "" dev',
        "RUN usermod --append --groups= dev; echo done",
        "",
      ].join("\n"),
    );
    expect(r.output).toBe("FROM alpine:3.23\nRUN adduser -D dev && echo ok\nRUN echo done\n");
  });
});
