import {
  analyzeStages,
  debianToolsLeftIn,
  lineFinder,
  migrateDockerfile,
  parseDockerfile,
} from "@alpinize/dockerfile";
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

/**
 * The lines of the Debian tools left in the file as written (its stages are all on Alpine), as
 * migrate's debianToolsLeft reads its output: migrate itself rewrites a useradd or dpkg call apk
 * has not installed shadow or dpkg for, so its own output has none of these left.
 */
function leftAsWritten(text: string): number[] {
  const doc = parseDockerfile(text);
  const lineOf = lineFinder(doc.lineStarts);
  return debianToolsLeftIn(doc, analyzeStages(doc).stages, () => true).map((t) => lineOf(t.offset));
}

function aptFindings(text: string) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
    (f) => f.rule === "apt-in-alpine",
  );
}

const file = (...lines: string[]) => `${["FROM alpine:3.23 AS base", ...lines].join("\n")}\n`;

/** Alpine Dockerfiles whose dpkg and dpkg-dev come and go; migrate leaves each as it is. */
const CASES: Record<string, string> = {
  "a virtual package another RUN deleted": file(
    "RUN apk add --no-cache --virtual .d dpkg && apk del .d",
    "RUN dpkg --print-architecture > /a",
  ),
  "called after the apk del of its RUN": file(
    "RUN apk add --no-cache -t.e dpkg && apk del .e && dpkg -L dpkg > /b",
  ),
  "called before the apk add": file(
    "RUN dpkg-query -W > /c",
    "RUN apk add --no-cache dpkg-dev && dpkg-architecture -qDEB_HOST_MULTIARCH > /d",
  ),
  "a stage built FROM one that deleted it, and a sibling": file(
    "RUN apk add --no-cache --virtual .d dpkg && dpkg -L dpkg && apk del .d",
    "FROM base",
    "RUN dpkg -L dpkg > /e",
    "FROM alpine:3.23",
    "RUN dpkg -L dpkg > /f",
  ),
  "installed when it runs": file(
    'RUN apk add --no-cache --virtual .fetch-deps dpkg && dpkgArch="$(dpkg --print-architecture)" && apk del .fetch-deps',
    "RUN apk add --no-cache dpkg",
    "FROM base AS mid",
    "RUN dpkg-query -W > /g",
    "ONBUILD RUN apk add --no-cache dpkg-dev",
    "FROM mid",
    "RUN dpkg-architecture -qDEB_HOST_ARCH > /h",
  ),
  "deleted by an exec-form RUN": file(
    'RUN ["sh", "-c", "apk add --no-cache dpkg && dpkg -L dpkg"]',
    'RUN ["apk", "del", "dpkg"]',
    "RUN dpkg -L dpkg > /j",
  ),
  "deleted by an ONBUILD RUN of the stage it builds on": file(
    "RUN apk add --no-cache dpkg",
    "ONBUILD RUN apk del dpkg",
    "FROM base",
    "RUN dpkg -L dpkg > /i",
  ),
};

describe("apt-in-alpine: dpkg's programs are judged by what apk has installed when they run", () => {
  it("names the apk del that removed dpkg, or the later apk add", () => {
    const [removed] = aptFindings(CASES["a virtual package another RUN deleted"]!);
    expect(removed).toMatchObject({ line: 3, severity: "error" });
    expect(removed!.message).toBe(
      "dpkg in Alpine stage base: dpkg runs after dpkg was removed again (apk del on line 2), so the build fails here: call it before that apk del, or keep dpkg installed until then (an apk add of its own, outside any --virtual group deleted before it)",
    );
    const [early, arch] = aptFindings(CASES["called before the apk add"]!);
    expect(early).toMatchObject({ line: 2 });
    expect(early!.message).toBe(
      "dpkg-query in Alpine stage base: dpkg-query runs before dpkg-dev is installed (apk add dpkg-dev on line 3), so the build fails here: install dpkg-dev first",
    );
    expect(arch).toBeUndefined();
  });

  it("passes a call while dpkg is installed, in its RUN's virtual package or from the stage it builds on", () => {
    expect(aptFindings(CASES["installed when it runs"]!)).toEqual([]);
  });

  // One notion: `alpinize check` fails where `migrate --check` does (its debianToolsLeft).
  it.each(Object.keys(CASES))("agrees with migrate's debianToolsLeft: %s", (name) => {
    const text = CASES[name]!;
    const left = leftAsWritten(text);
    expect(aptFindings(text).map((f) => f.line)).toEqual(left);
    expect(left.length > 0).toBe(name !== "installed when it runs");
    // migrate --check fails on it too: migrate rewrites such a call (apk --print-arch), or leaves it.
    const migrated = migrateDockerfile(text, { release: "3.23" });
    expect(migrated.changed || migrated.debianToolsLeft.length > 0).toBe(left.length > 0);
  });
});
