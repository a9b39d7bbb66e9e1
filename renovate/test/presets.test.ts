import { describe, expect, it } from "vitest";
import { absolutizeRelativeExtends } from "./lab/preset-server.js";
import { presetFiles } from "./lab/presets.js";

const presets = presetFiles();
const byName = new Map(presets.map((p) => [p.name, p.json]));

interface RegexManager {
  matchStringsStrategy: string;
  matchStrings: string[];
  autoReplaceStringTemplate: string;
}

function annotatedManager(): RegexManager {
  const managers = byName.get("annotated-images.json")?.customManagers as RegexManager[];
  expect(managers).toHaveLength(1);
  return managers[0]!;
}

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
}

/** Renovate's `recursive` strategy: each regex runs inside the previous one's match. */
function extract(text: string): Record<string, string | undefined>[] {
  const [first, ...rest] = annotatedManager().matchStrings.map((s) => new RegExp(s, "g"));
  const results: Record<string, string | undefined>[] = [];
  for (const outer of text.matchAll(first!)) {
    let scope: RegExpMatchArray | null | undefined = outer;
    let groups = { ...outer.groups };
    for (const regex of rest) {
      scope = scope?.[0].match(new RegExp(regex.source));
      groups = { ...groups, ...scope?.groups };
    }
    if (scope) results.push({ ...groups, replaceString: scope[0] });
  }
  return results;
}

describe("preset files", () => {
  it("link to each other only through existing sibling files", () => {
    for (const { name, json } of presets) {
      for (const entry of (json.extends as string[] | undefined) ?? []) {
        if (!entry.startsWith("./")) continue;
        const target = `${entry.slice(2).replace(/\(.*\)$/, "")}.json`;
        expect(byName.has(target), `${name} extends ${entry}`).toBe(true);
      }
    }
  });

  it("default extends every other preset, passing the alpine major line", () => {
    expect(byName.get("default.json")?.extends).toEqual([
      "./digests",
      "./alpine-line(3)",
      "./annotated-images",
    ]);
    expect(JSON.stringify(byName.get("alpine-line.json"))).toContain("{{arg0}}");
  });

  it("keep registry, host and platform settings out (they belong to the self-hosted admin)", () => {
    const adminOnly = ["registryUrls", "hostRules", "platform", "registryAliases", "endpoint"];
    for (const { name, json } of presets) {
      expect(
        keysOf(json).filter((k) => adminOnly.includes(k)),
        name,
      ).toEqual([]);
      expect(JSON.stringify(json), name).not.toContain("127.0.0.1");
    }
  });
});

describe("annotated-images custom manager", () => {
  it("captures the image, tag and digest on the line after the comment", () => {
    const digest = `sha256:${"ab".repeat(32)}`;
    const text = [
      "      - run: |",
      "          # renovate: datasource=docker depName=alpine",
      "          SMOKE_IMAGE=alpine:3.22.2",
      "# renovate: datasource=docker depName=alpine",
      `RELEASE_IMAGE="docker.io/library/alpine:3.23.3@${digest}" # pinned`,
      "# renovate: datasource=docker depName=registry",
      "MIRROR=127.0.0.1:5000/tools/alpine:3.23",
    ].join("\n");
    expect(extract(text)).toEqual([
      {
        datasource: "docker",
        depName: "alpine",
        packageName: "alpine",
        currentValue: "3.22.2",
        currentDigest: undefined,
        replaceString: "alpine:3.22.2",
      },
      {
        datasource: "docker",
        depName: "alpine",
        packageName: "docker.io/library/alpine",
        currentValue: "3.23.3",
        currentDigest: digest,
        replaceString: `docker.io/library/alpine:3.23.3@${digest}`,
      },
      {
        datasource: "docker",
        depName: "registry",
        packageName: "127.0.0.1:5000/tools/alpine",
        currentValue: "3.23",
        currentDigest: undefined,
        replaceString: "127.0.0.1:5000/tools/alpine:3.23",
      },
    ]);
  });

  it("ignores images without the comment and comments for other datasources", () => {
    const text = [
      "IMAGE=alpine:3.22.2",
      "# renovate: datasource=github-releases depName=aquasecurity/trivy",
      "TRIVY_VERSION=v0.60.0",
    ].join("\n");
    expect(extract(text)).toEqual([]);
  });

  it("rewrites the whole reference, tag and digest", () => {
    expect(annotatedManager().autoReplaceStringTemplate).toBe(
      "{{packageName}}:{{newValue}}{{#if newDigest}}@{{newDigest}}{{/if}}",
    );
  });
});

describe("preset server rewrite (test lab)", () => {
  it("turns relative extends into absolute URLs of the sibling files", () => {
    const served = absolutizeRelativeExtends(
      { extends: ["./digests", "./alpine-line(3)", "docker:pinDigests"], packageRules: [] },
      "http://127.0.0.1:1234/",
    );
    expect(served).toEqual({
      extends: [
        "http://127.0.0.1:1234/digests.json",
        "http://127.0.0.1:1234/alpine-line.json(3)",
        "docker:pinDigests",
      ],
      packageRules: [],
    });
  });
});
