import { describe, expect, it } from "vitest";
import { officialImage } from "./official-images.js";
import { decideImage } from "./rules/images.js";

describe("official images: one table for migrate and check", () => {
  it("leaves official images built on Alpine alone (they publish no -alpine twin to move to)", () => {
    // adminer, eggdrop and znc were once rewritten to `<tag>-alpine`, a tag they do not publish.
    for (const image of ["adminer:4", "eggdrop:1.9", "znc:1.9", "caddy:2", "traefik:v3.1"]) {
      const decision = decideImage(image, "3.23");
      expect(decision.family, image).toBe("alpine");
      expect(decision.after, image).toBeUndefined();
    }
  });

  it("moves Debian- and Ubuntu-based official images with Alpine twins", () => {
    expect(decideImage("redmine:6", "3.23").after).toBe("redmine:6-alpine");
    expect(decideImage("eclipse-temurin:21-jre", "3.23").after).toBe(
      "eclipse-temurin:21-jre-alpine",
    );
    expect(decideImage("wordpress:6-fpm", "3.23").after).toBe("wordpress:6-fpm-alpine");
  });

  it("keeps images whose Alpine tags are only fpm/cli, or that publish none", () => {
    expect(decideImage("wordpress:6", "3.23").after).toBeUndefined();
    expect(decideImage("tomcat:10", "3.23").after).toBeUndefined();
    expect(decideImage("mongo:8", "3.23").after).toBeUndefined();
  });

  it("records what the default tags are built on", () => {
    expect(officialImage("caddy")?.base).toBe("alpine");
    expect(officialImage("mariadb")?.base).toBe("ubuntu");
    expect(officialImage("perl")?.base).toBe("debian");
    expect(officialImage("nats")?.base).toBe("none");
    expect(officialImage("tomcat")?.base).toBeUndefined();
    expect(officialImage("library/golang")).toBeUndefined();
  });
});
