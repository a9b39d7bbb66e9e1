import { describe, expect, it } from "vitest";
import { lintEntrypoint, rewriteEntrypoint } from "../src/index.js";

describe("sudo before a user or group tool", () => {
  it.each([
    ["sudo groupadd -g 999 docker", "groupadd", 6],
    ["sudo -u root -E usermod -aG docker app", "usermod", 17],
    ["sudo -- addgroup app docker", "addgroup", 9],
    ["doas gosu app true", "gosu", 6],
  ])("%s is a warning at the tool's name", (line, tool, column) => {
    const f = lintEntrypoint(`#!/bin/sh\n${line}\n`).filter((x) => x.rule === "sudo");
    expect(f).toEqual([expect.objectContaining({ severity: "warning", line: 2, column })]);
    expect(f[0]!.message).toContain(`${line.split(" ")[0]} ${tool} is neither rewritten`);
  });

  it("is left to the user by the rewrite, and other sudo commands are not flagged", () => {
    expect(rewriteEntrypoint("#!/bin/sh\nsudo groupadd -g 9 d\n").changed).toBe(false);
    expect(lintEntrypoint("#!/bin/sh\nsudo -u app ls /\n").some((x) => x.rule === "sudo")).toBe(
      false,
    );
  });
});
