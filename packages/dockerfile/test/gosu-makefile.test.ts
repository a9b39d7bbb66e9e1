import { describe, expect, it } from "vitest";
import type { MigrateOptions } from "../src/index.js";
import { migrate } from "./helpers.js";

const DOCKERFILE = [
  "FROM debian:bookworm-slim",
  "RUN apt-get update && apt-get install -y make gosu",
  "COPY Makefile /app/Makefile",
  "WORKDIR /app",
  'CMD ["make", "-f", "/app/Makefile", "run"]',
  "",
].join("\n");

function run(makefile: string, options: MigrateOptions = {}) {
  const files: Record<string, string> = { Makefile: makefile };
  return migrate(DOCKERFILE, { readContextFile: (p) => files[p], ...options });
}

describe("rule 8: an apt gosu that a copied Makefile's recipe calls (never rewritten)", () => {
  for (const migratesScripts of [false, true]) {
    it(`stays gosu where Alpine packages it (migratesScripts: ${migratesScripts})`, () => {
      const r = run("run:\n\tgosu nobody echo hi\n", { migratesScripts });
      expect(r.output).toContain("RUN apk add --no-cache make gosu\n");
      expect(r.output).not.toContain("su-exec");
      expect(r.warnings.map((w) => w.message)).toContain(
        "kept gosu: Makefile:2 calls it in a make recipe, which alpinize does not rewrite; to switch to su-exec, change that call to su-exec",
      );
    });
  }

  it("reads recipe prefixes and chains, not other lines", () => {
    for (const recipe of [
      "\t@-gosu app x",
      "\tcd /app && gosu app x",
      "\texec /usr/sbin/gosu app x",
    ])
      expect(run(`run:\n${recipe}\n`).output).toContain("make gosu\n");
    for (const other of ["GOSU = gosu\nrun:\n\techo gosu", "# gosu app x\nrun:\n\ttrue"])
      expect(run(`${other}\n`).output).toContain("make su-exec\n");
  });

  it("becomes su-exec where the release has no gosu, naming the call", () => {
    const r = run("run:\n\tgosu nobody echo hi\n", { release: "3.21", migratesScripts: true });
    expect(r.output).toContain("RUN apk add --no-cache make su-exec\n");
    expect(r.warnings.map((w) => w.message)).toContain(
      "Alpine 3.21 has no gosu package, so gosu became su-exec, but Makefile:2 calls gosu: change that call to su-exec (alpinize rewrites no Makefile)",
    );
  });
});
