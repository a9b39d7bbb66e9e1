import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../test-helpers.js";
import { NO_CREDENTIALS_ENV as env, useRegistry } from "../test-support/registry.js";

/**
 * One rule for Dockerfile names, in every command: names × contents × commands. A name that says
 * Dockerfile is one whatever it holds; one only named like a Dockerfile (`Dockerfile.sh`,
 * `dockerfile.prod`, `app.Dockerfile.txt`) is one when its text is, is linted by check FILE as a
 * script when it is one, and is otherwise neither: skipped by the walks, refused by the others.
 */
const SURE = [
  "Dockerfile",
  "dockerfile",
  "Dockerfile.prod",
  "app.Dockerfile",
  "app.dockerfile",
  "Containerfile",
];
const NAMED_LIKE = [
  "Dockerfile.sh",
  "Dockerfile.txt",
  "Dockerfile.bak",
  "dockerfile.sh",
  "dockerfile.txt",
  "dockerfile.prod",
  "DOCKERFILE.prod",
  "app.Dockerfile.sh",
  "app.Dockerfile.prod",
  "x.dockerfile.sh",
  "x.dockerfile.txt",
  "containerfile.bak",
];

type Kind = "dockerfile" | "script" | "neither";
const isScriptName = (name: string) => /\.sh$/.test(name);

/** Each content, and what a name only named like a Dockerfile holding it is. */
const CONTENTS: { label: string; text: (ref: string) => string; kind: (name: string) => Kind }[] = [
  {
    label: "a Dockerfile",
    text: (ref) => `# build\nARG BASE=${ref}\nFROM \${BASE}\nRUN apt-get install -y curl\n`,
    kind: () => "dockerfile",
  },
  {
    label: "a script",
    text: () => "#!/bin/sh\nFROM=debian:trixie\ngroupadd app\n",
    kind: () => "script",
  },
  {
    label: "Python",
    text: () => "# reader\nfrom os import path\n",
    kind: (name) => (isScriptName(name) ? "script" : "neither"),
  },
  {
    label: "a FROM past the first 64 Ki characters",
    text: (ref) => `${"#\n".repeat(33 * 1024)}FROM ${ref}\n`,
    kind: (name) => (isScriptName(name) ? "script" : "neither"),
  },
];

describe("every command tells a Dockerfile by the same rule, for every name", () => {
  const fx = useRegistry({ dir: "alpinize-names-table-" });
  const run = (...args: string[]) => runCli(args, { cwd: fx.dir, env });

  it.each(CONTENTS.map((c) => [c.label, c] as const))("holding %s", async (_label, content) => {
    const ref = `${fx.registry.host}/team/app:1.0`;
    const cases = [
      ...SURE.map((name) => ({ name, kind: "dockerfile" as Kind })),
      ...NAMED_LIKE.map((name) => ({ name, kind: content.kind(name) })),
    ].filter((c) => content.label === "a Dockerfile" || NAMED_LIKE.includes(c.name));
    const root = join(fx.dir, "repo");
    await rm(root, { recursive: true, force: true });
    // One folder each: `dockerfile.sh` is part of `x.dockerfile.sh`.
    const rel = (i: number, name: string) => `repo/${i}/${name}`;
    for (const [i, { name }] of cases.entries()) {
      await mkdir(join(root, String(i)), { recursive: true });
      await writeFile(join(fx.dir, rel(i, name)), content.text(ref));
    }
    const walkedByCheck = await run("check", "--json", "repo");
    const walkedByMigrate = await run("migrate", "--check", "--json", "repo");
    const walked = JSON.parse(walkedByMigrate.stdout || "{}") as { files?: { path: string }[] };
    const migrateFiles = (walked.files ?? []).map((f) => f.path);
    for (const [i, { name, kind }] of cases.entries()) {
      const file = rel(i, name);
      const why = `${file} holding ${content.label}`;
      const dockerfile = kind === "dockerfile";
      // The walks: listed exactly when it is a Dockerfile.
      expect(walkedByCheck.stdout.includes(`"${file}"`), `check DIR, ${why}`).toBe(dockerfile);
      expect(migrateFiles.includes(file), `migrate DIR, ${why}`).toBe(dockerfile);

      const check = await run("check", "--json", file);
      if (kind === "neither") {
        expect(check.code, `check FILE, ${why}`).toBe(2);
        expect(check.stderr, `check FILE, ${why}`).toMatch(/named like a Dockerfile, but/);
      } else {
        expect(check.code, `check FILE, ${why}: ${check.stderr}`).not.toBe(2);
        const rules = (JSON.parse(check.stdout) as { rule: string }[]).map((f) => f.rule);
        expect(rules.includes("base-image-unpinned"), `check FILE, ${why}`).toBe(dockerfile);
        if (content.label === "a script") expect(rules, why).toContain("entrypoint-lint");
      }

      const migrate = await run("migrate", "--check", "--json", file);
      if (dockerfile) expect(migrate.code, `migrate FILE, ${why}: ${migrate.stderr}`).not.toBe(2);
      else {
        expect(migrate.code, `migrate FILE, ${why}`).toBe(2);
        expect(migrate.stderr, `migrate FILE, ${why}`).toMatch(/named like a Dockerfile, but/);
      }

      const pin = await run("pin", "--check", "--json", file);
      if (dockerfile) {
        expect(pin.code, `pin FILE, ${why}: ${pin.stderr}`).toBe(1);
        expect(JSON.parse(pin.stdout).files[0], `pin FILE, ${why}`).toMatchObject({
          kind: "dockerfile",
        });
      } else {
        expect(pin.code, `pin FILE, ${why}`).toBe(2);
        expect(pin.stderr, `pin FILE, ${why}`).toMatch(/named like a Dockerfile, but/);
      }
    }
  });
});
