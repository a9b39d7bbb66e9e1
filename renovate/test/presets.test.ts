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

/**
 * Renovate's `recursive` strategy (lib/modules/manager/custom/regex/strategies.ts): every match
 * of each regex (flag g) is searched by the next one; each match of the last is a dependency,
 * and that match is the text Renovate rewrites.
 */
function extract(text: string): Record<string, string | undefined>[] {
  const regexes = annotatedManager().matchStrings.map((s) => new RegExp(s, "g"));
  const walk = (
    content: string,
    index: number,
    groups: Record<string, string | undefined>,
  ): Record<string, string | undefined>[] => {
    if (index === regexes.length) return [{ ...groups, replaceString: content }];
    return [...content.matchAll(regexes[index]!)].flatMap((m) =>
      walk(m[0], index + 1, { ...groups, ...m.groups }),
    );
  };
  return walk(text, 0, {});
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

  it("takes one reference per comment: the first delimited image:tag on the line", () => {
    const dep = (currentValue: string, packageName = "alpine") => ({
      datasource: "docker",
      depName: "alpine",
      packageName,
      currentValue,
      currentDigest: undefined,
      replaceString: `${packageName}:${currentValue}`,
    });
    const after = (line: string) =>
      extract(`# renovate: datasource=docker depName=alpine\n${line}\n`);
    expect(after("IMAGE=alpine:3.22.2 OTHER=busybox:1.36")).toEqual([dep("3.22.2")]);
    expect(after("docker run --rm alpine:3.22.2 sh -c 'echo host:port'")).toEqual([dep("3.22.2")]);
    // A name:tag cut short by a character that cannot follow a reference is not one.
    expect(after("URL=foo:1/bar IMAGE=alpine:3.23")).toEqual([dep("3.23")]);
    expect(after("  - uses: docker://alpine:3.21.5")).toEqual([dep("3.21.5")]);
    expect(after('run: ["alpine:3.23", "busybox:1"]')).toEqual([dep("3.23")]);
    expect(after("docker run -p 8080:80 ghcr.io/acme/app:1.2 serve")).toEqual([
      dep("1.2", "ghcr.io/acme/app"),
    ]);
    expect(after("IMAGE=$REGISTRY/alpine:3.23")).toEqual([]);
    expect(after("echo nothing here")).toEqual([]);
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
