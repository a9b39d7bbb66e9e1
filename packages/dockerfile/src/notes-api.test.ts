import { describe, expect, it } from "vitest";
import { credentialsNote, debianPathNote, debianProgramNote, migrateDockerfile } from "./index.js";

// alpinize check reads these notes from the package entry: they must stay exported and say what
// migrate says at the same text.
describe("notes exported for alpinize check", () => {
  it("debianPathNote gives migrate's note for a Debian-only path", () => {
    const run = "RUN : /etc/php/8.2/fpm/pool.d/www.conf";
    const migrated = migrateDockerfile(`FROM alpine:3.24\n${run}\n`, { release: "3.24" });
    const said = migrated.warnings.find((w) => w.line === 2 && w.rule === "apt")?.message;
    const hit = debianPathNote(": /etc/php/8.2/fpm/pool.d/www.conf", "RUN", "3.24");
    expect(hit?.rule).toBe("apt");
    expect(hit?.note).toBe(said);
    expect(hit?.note).toMatch(/\/etc\/php85 for php85 on Alpine 3\.24/);
    expect(debianPathNote(": /etc/nginx/http.d", "RUN", "3.24")).toBeUndefined();
  });

  it("debianProgramNote gives migrate's note for a program started under its Debian name", () => {
    const migrated = migrateDockerfile('FROM alpine:3.24\nCMD ["php-fpm8.2"]\n', {
      release: "3.24",
    });
    const said = migrated.warnings.find((w) => w.line === 2)?.message;
    expect(said).toBe(`CMD starts php-fpm8.2: ${debianProgramNote("php-fpm8.2", "3.24")}`);
    expect(debianProgramNote("crond", "3.24")).toBeUndefined();
  });

  it("credentialsNote masks the credentials and names the registry to log in to", () => {
    expect(credentialsNote("bob:pw@registry.example:5000/debian:12")).toBe(
      "this FROM carries credentials (***@registry.example:5000/debian:12), which Docker refuses; remove them and log in with docker login registry.example:5000",
    );
    expect(credentialsNote(`debian:12@sha256:${"a".repeat(64)}`)).toBeUndefined();
    // No registry host after the "@" (Docker Hub implied) is credentials all the same.
    expect(credentialsNote("alice:SECRETPW77@debian:bookworm")).toBe(
      "this FROM carries credentials (***@debian:bookworm), which Docker refuses; remove them and log in with docker login",
    );
    expect(credentialsNote("alice:Zq9@x/y:SECRETPW77@debian:bookworm")).toBe(
      "this FROM carries credentials (***@debian:bookworm), which Docker refuses; remove them and log in with docker login",
    );
    expect(credentialsNote("alice:SECRETPW77@library/debian:$TAG")).toBe(
      "this FROM carries credentials (***@library/debian:$TAG), which Docker refuses; remove them and log in with docker login",
    );
    expect(credentialsNote("alpine@3.19")).toBeUndefined();
    expect(credentialsNote("debian:12@latest")).toBeUndefined();
  });
});
