import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { columnAcross } from "./columns.js";
import { scriptPlaces } from "./output-lines.js";
import { planRepository } from "./plan.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

const SCRIPT = [
  "#!/bin/sh",
  "groupadd -g 999 docker",
  "getent group docker",
  'if getent group docker >/dev/null; then echo "$(getent group docker)"; fi',
  'sh -c "getent group docker"',
  'exec "$@"',
  "",
].join("\n");

function wordAt(text: string, line: number, column: number | undefined): string {
  const rest = text.split("\n")[line - 1]!.slice((column ?? 1) - 1);
  return /^[^\s;"()]+/.exec(rest)?.[0] ?? "";
}

describe("migrate DIR: where each warning of an entrypoint script is after --write", () => {
  it("gives outputLine/outputColumn at the same word in the rewritten script", async () => {
    repo = await scratchRepo({
      Dockerfile: 'FROM debian:12\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
      "e.sh": SCRIPT,
    });
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    const script = plan.files.find((f) => f.file === "e.sh")!;
    expect(script.after).toContain("# >>> alpinize shims");
    const rules = script.warnings.map((w) => w.rule);
    expect(rules).toContain("group-name");
    expect(rules).toContain("alpine-id");
    for (const w of script.warnings) {
      const where = JSON.stringify(w);
      expect(w.outputLine, where).toBeGreaterThan(100);
      expect(wordAt(script.after, w.outputLine!, w.outputColumn), where).toBe(
        wordAt(SCRIPT, w.line, w.column),
      );
    }
  });
});

describe("scriptPlaces", () => {
  const before = "#!/bin/sh\ngroupadd -g 999 docker\nchgrp docker /x\n";
  const after =
    "#!/bin/sh\n# shims\n. /s.sh\nalpinize_ensure_group docker 999 >/dev/null\nchgrp 999 /x\n";

  it("maps a line rewritten below inserted lines to its rewrite, not to the first inserted", () => {
    const places = scriptPlaces(before, after);
    expect(places.toOutput({ line: 2, column: 13 })).toEqual({ line: 4, column: 30 });
    expect(places.toInput({ line: 4, column: 30 })).toEqual({ line: 2, column: 13 });
    expect(places.toOutput({ line: 3, column: 14 })).toEqual({ line: 5, column: 11 });
  });

  it("keeps a column before the change, and shifts one after it", () => {
    expect(columnAcross("a docker b", "a docker b", 3)).toBe(3);
    expect(columnAcross("chgrp docker /x", "chgrp 999 /x", 1)).toBe(1);
    expect(columnAcross("chgrp docker /x", "chgrp 999 /x", 14)).toBe(11);
  });

  it("maps a line whose earlier word changed to its rewrite, and a later word to that word", () => {
    const input =
      "#!/bin/sh\ngroupadd -g 1500 docker\nchgrp docker /x; getent group docker\nexec x\n";
    const output =
      "#!/bin/sh\n# shims\n. /s.sh\nalpinize_ensure_group docker 1500 >/dev/null\nchgrp 1500 /x; getent group docker\nexec x\n";
    const places = scriptPlaces(input, output);
    expect(places.toOutput({ line: 3, column: 31 })).toEqual({ line: 5, column: 29 });
    expect(places.toOutput({ line: 2, column: 18 })).toEqual({ line: 4, column: 23 });
  });

  it("finds a changed word as a whole word: docker is not the start of docker2", () => {
    const from = "chgrp docker /x; getent group docker2 docker";
    const to = "chgrp 1500 /x; getent group docker2 docker; id";
    expect(columnAcross(from, to, 39)).toBe(37);
  });
});

describe("a word that stands twice in a rewritten stretch", () => {
  // groupadd's docker stays in the shim call, so the changed stretch holds docker twice.
  const input = "groupadd -g 1500 docker; getent group docker; chgrp docker /x";
  const output = "alpinize_ensure_group docker 1500 >/dev/null; getent group docker; chgrp 1500 /x";
  const getentIn = input.indexOf("getent group docker") + 14;
  const getentOut = output.indexOf("getent group docker") + 14;

  it("maps to the same word, not to the first of its name, in both directions", () => {
    expect(columnAcross(input, output, getentIn)).toBe(getentOut);
    expect(columnAcross(output, input, getentOut)).toBe(getentIn);
    // A word the rewrite moved keeps its word: 1500 and groupadd's docker.
    expect(columnAcross(input, output, 13)).toBe(output.indexOf("1500") + 1);
    expect(columnAcross(input, output, 18)).toBe(23);
  });

  it("keeps the occurrence where a replaced one stands before it", () => {
    const from = "chgrp docker /x; getent group docker; chgrp docker /y";
    const to = "chgrp 1500 /x; getent group docker; chgrp 1500 /y";
    expect(columnAcross(from, to, from.indexOf("getent group docker") + 14)).toBe(
      to.indexOf("getent group docker") + 14,
    );
  });

  it("gives migrate DIR one group-name warning, at the getent word with and without --write", async () => {
    repo = await scratchRepo({
      Dockerfile: 'FROM debian:12\nCOPY e.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
      "e.sh": `#!/bin/sh\n${input}\nexec "$@"\n`,
    });
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    const script = plan.files.find((f) => f.file === "e.sh")!;
    const named = script.warnings.filter((w) => w.rule === "group-name");
    expect(named.map((w) => [w.line, w.column])).toEqual([[2, getentIn]]);
    const out = script.after.split("\n")[named[0]!.outputLine! - 1]!;
    expect(out.slice(named[0]!.outputColumn! - 8)).toMatch(/^ group docker; chgrp/);
  });
});
