import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "../plan/plan.js";
import type { FilePlan, RepoPlan } from "../plan/types.js";
import { renderReport } from "./markdown.js";
import { dockerfileSection, scriptSection } from "./sections.js";

const SECRET = "hunter2secret";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function plan(files: Record<string, string>): Promise<RepoPlan> {
  repo = await scratchRepo(files);
  return planRepository(repo.root, {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    release: "3.24",
  });
}

/** Stage rows of the report's first Dockerfile section as [Before, After, Why] cells. */
function stageRows(file: FilePlan): string[][] {
  return dockerfileSection(file)
    .filter((l) => /^\| \d|^\| \w+ \(final\)|^\| build /.test(l))
    .map((l) =>
      l
        .split(/(?<!\\)\|/)
        .slice(3, 6)
        .map((c) => c.trim()),
    );
}

describe("the report never shows credentials", () => {
  it("masks a FROM's user:password@ in Before and After, and says the stage waits for them to go", async () => {
    const p = await plan({
      "a/Dockerfile": `FROM alice:${SECRET}@127.0.0.1:46163/team/app:1.0\nRUN echo hi\n`,
      "b/Dockerfile": `ARG BASE=alice:${SECRET}@debian:bookworm\nFROM $BASE\nRUN apt-get update && apt-get install -y curl\n`,
    });
    const report = renderReport(p);
    expect(report).not.toContain(SECRET);
    const [a, b] = p.files;
    expect(stageRows(a!)).toEqual([
      [
        "`***@127.0.0.1:46163/team/app:1.0`",
        "`***@127.0.0.1:46163/team/app:1.0`",
        "credentials in the FROM, which Docker refuses: left as is until they are removed (see warnings)",
      ],
    ]);
    expect(stageRows(b!)).toEqual([
      [
        "`***@debian:bookworm`",
        "`***@debian:bookworm`",
        "credentials in the FROM, which Docker refuses: this Debian stage is left as is until they are removed (see warnings)",
      ],
    ]);
  });

  it("masks a user name alone in a FROM, as the warnings do", async () => {
    const p = await plan({ Dockerfile: "FROM alice@registry.example:5000/team/app:1.0\n" });
    expect(stageRows(p.files[0]!)[0]?.slice(0, 2)).toEqual([
      "`***@registry.example:5000/team/app:1.0`",
      "`***@registry.example:5000/team/app:1.0`",
    ]);
  });

  it("masks passwords in risk evidence, before a long line is cut (the report and --json)", async () => {
    // The second URL's @ lies past the 120 characters evidence keeps: cut first, its password showed.
    const p = await plan({
      Dockerfile: [
        `FROM alice:${SECRET}@golang:1.25 AS build`,
        "RUN go build -o /app .",
        "FROM debian:bookworm",
        `RUN curl -fsSL https://carol:${SECRET}@example.com/tool-linux-gnu.tar.gz | tar xz && curl -o x.deb https://dan:${SECRET}@example.com/x.deb`,
        "",
      ].join("\n"),
    });
    const evidence = p.risks.flatMap((r) => r.evidence.map((e) => e.text));
    expect(evidence).toContain("FROM ***@golang:1.25 AS build");
    expect(evidence.some((t) => t.startsWith("RUN curl -fsSL https://***@example.com/"))).toBe(
      true,
    );
    expect(JSON.stringify(p.risks)).not.toMatch(/hunter|carol:|dan:/);
    expect(renderReport(p)).not.toMatch(/hunter|carol:|dan:/);
  });

  it("masks passwords in any message, change or path the report quotes", () => {
    const file = {
      file: "entry.sh",
      kind: "script",
      role: "entrypoint",
      copiedBy: ["Dockerfile"],
      before: "",
      after: "",
      changed: true,
      edits: [{ line: 2, rule: "r", message: `git clone https://u:${SECRET}@h.example/o/r` }],
      warnings: [{ line: 3, rule: "w", message: `curl https://u:${SECRET}@h.example/x` }],
    } as unknown as FilePlan;
    const text = scriptSection(file).join("\n");
    expect(text).not.toContain(SECRET);
    expect(text).toContain("(r) git clone https://***@h.example/o/r");
    expect(text).toContain("(w) curl https://***@h.example/x");
  });

  it("masks the userinfo of an image named in a mention, a pin or images.ignore", () => {
    const ref = "bob@registry.example:5000/team/app:1.0";
    const plan = {
      root: "/tmp/x",
      release: "3.24",
      files: [
        {
          file: "Dockerfile",
          kind: "dockerfile",
          before: "",
          after: "",
          changed: false,
          warnings: [],
          stagesBefore: [],
          stagesAfter: [],
          keptImages: [ref],
        },
      ],
      unparsable: [],
      skipped: [],
      mentions: [{ file: "compose.yaml", line: 3, kind: "compose", image: ref, replacement: ref }],
      risks: [],
      ignored: [],
      pins: [{ file: "Dockerfile", line: 1, reference: ref, digest: `sha256:${"a".repeat(64)}` }],
    } as unknown as RepoPlan;
    const report = renderReport(plan);
    expect(report).not.toContain("bob");
    expect(report.match(/\*\*\*@registry\.example:5000\/team\/app:1\.0/g)).toHaveLength(4);
  });

  it("keeps a path through a folder named @scope as written", () => {
    const file = {
      file: "packages/@scope/app/Dockerfile",
      kind: "dockerfile",
      before: "",
      after: "",
      changed: false,
      warnings: [{ line: 1, rule: "w", message: "npm install -g @angular/cli@17" }],
      stagesBefore: [],
      stagesAfter: [],
    } as unknown as FilePlan;
    const text = dockerfileSection(file).join("\n");
    expect(text).toContain("### `packages/@scope/app/Dockerfile`");
    expect(text).toContain("npm install -g @angular/cli@17");
  });
});
