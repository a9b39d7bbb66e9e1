import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { type CheckTarget, checkTargets } from "./run.js";

// Bash forms Alpine's busybox ash runs (measured), and one it rejects (an array).
const SCRIPT = [
  "#!/bin/sh",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
  'name="a b"; echo "${name// /_}"',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JS template
  'id=abcdefghij; echo "${id:0:8}"',
  'if [[ -n "$id" ]]; then echo yes; fi',
  "list=(a b)",
  'exec "$@"',
  "",
].join("\n");

const stage = (image: string, name: string) => [
  `FROM ${image} AS ${name}`,
  "COPY entry.sh /entry.sh",
  'ENTRYPOINT ["/entry.sh"]',
];

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

async function scriptFindings(dockerfile: string[], target?: (root: string) => CheckTarget) {
  repo = await scratchRepo({ Dockerfile: [...dockerfile, ""].join("\n"), "entry.sh": SCRIPT });
  const root = repo.root;
  const result = await checkTargets([target?.(root) ?? { path: root, kind: "directory" }], {
    config: defaultConfig(),
    transforms: defaultTransforms(),
    cwd: root,
  });
  return result.findings
    .filter((f) => f.file === "entry.sh" && f.message.startsWith("bash-syntax:"))
    .map((f) => `${f.line} ${f.severity}`);
}

describe("bash-syntax in a #!/bin/sh script, by the images that run it", () => {
  it("drops what busybox ash runs when only Alpine images run the script", async () => {
    expect(await scriptFindings(stage("alpine:3.23", "app"))).toEqual(["5 error"]);
    const two = [...stage("alpine:3.23", "a"), ...stage("python:3.13-alpine", "b")];
    expect(await scriptFindings(two)).toEqual(["5 error"]);
  });

  it("keeps them when a Debian stage runs it too, or a base alpinize does not know", async () => {
    const all = ["2 warning", "3 warning", "4 warning", "5 error"];
    const mixed = [...stage("alpine:3.23", "a"), ...stage("debian:bookworm-slim", "b")];
    expect(await scriptFindings(mixed)).toEqual(all);
    const unknown = [...stage("alpine:3.23", "a"), ...stage("example.com/base:1", "b")];
    expect(await scriptFindings(unknown)).toEqual(all);
  });

  it("keeps them for a script checked on its own", async () => {
    const alone = (root: string): CheckTarget => ({ path: join(root, "entry.sh"), kind: "script" });
    expect(await scriptFindings(stage("alpine:3.23", "app"), alone)).toEqual([
      "2 warning",
      "3 warning",
      "4 warning",
      "5 error",
    ]);
  });
});
