import { describe, expect, it, vi } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { layoutAdvice } from "./debian-layout.js";

// The advice comes from the tables @alpinize/dockerfile exports, not from a migrate run.
vi.mock("@alpinize/dockerfile", async (original) => ({
  ...(await original<typeof import("@alpinize/dockerfile")>()),
  migrateDockerfile: () => {
    throw new Error("check asked migrate for a note");
  },
}));

describe("layoutAdvice reads migrate's tables directly", () => {
  const advice = (text: string) => {
    const stages = describeStages(text, "Dockerfile");
    return layoutAdvice(stages[0]!, stages, "3.24");
  };

  it("gives path, folder and program notes, per image (nginx's conf.d)", () => {
    const plain = advice("FROM alpine:3.24\n");
    expect(plain.path("/etc/php/8.2/fpm/php.ini")).toMatch(
      /\/etc\/php85 for php85 on Alpine 3\.24/,
    );
    expect(plain.root("/etc/nginx/sites-enabled/default")).toBe("/etc/nginx/sites-enabled");
    expect(plain.path("/etc/nginx/sites-enabled")).toMatch(
      /Alpine's nginx includes \/etc\/nginx\/http\.d/,
    );
    expect(advice("FROM nginx:1.27-alpine\n").path("/etc/nginx/sites-enabled")).toMatch(
      /the nginx image \(Debian and Alpine alike\) includes \/etc\/nginx\/conf\.d/,
    );
    expect(plain.program("apache2ctl")).toMatch(/httpd/);
    expect(plain.program("crond")).toBeUndefined();
    // apt's own folders and glibc downloads are other rules' business.
    expect(plain.path("/etc/apt/sources.list")).toBeUndefined();
    expect(plain.path("/opt/x86_64-unknown-linux-gnu")).toBeUndefined();
  });
});
