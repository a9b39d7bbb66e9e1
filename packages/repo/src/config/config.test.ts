import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { loadConfig, parseConfigText } from "./load.js";

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("config", () => {
  it("reads every setting", () => {
    const config = parseConfigText(
      JSON.stringify({
        alpine: "3.22",
        packages: {
          overrides: { "libfoo-dev": ["foo-dev"], "apt-utils": [], mytool: "mytool-alpine" },
        },
        images: { ignore: ["nvidia/cuda", "debian:bookworm*"] },
        migrate: { gosu: "su-exec" },
        check: { skip: ["go-netdns"], requireDigests: true },
      }),
      "alpinize.config.json",
    );
    expect(config).toMatchObject({
      alpine: "3.22",
      packages: {
        overrides: { "libfoo-dev": ["foo-dev"], "apt-utils": [], mytool: ["mytool-alpine"] },
      },
      images: { ignore: ["nvidia/cuda", "debian:bookworm*"] },
      migrate: { gosu: "su-exec" },
      check: { skip: ["go-netdns"], requireDigests: true },
      source: "alpinize.config.json",
    });
  });

  it.each([
    [
      '{"alpine": 3.23}',
      /"alpine" must be a string such as "3\.23", in quotes \(a release is not a number: 3\.20 would read as 3\.2\), got the number 3\.23$/,
    ],
    [
      '{"alpine": ["3.23"]}',
      /"alpine" must be a string such as "3\.23".*, got the array \["3\.23"\]$/,
    ],
    [
      '{"alpine": "3.2"}',
      /"alpine" must be an Alpine release alpinize knows \(.*3\.23.*\), got "3.2"/,
    ],
    ['{"alpine": "edge"}', /"alpine" must be an Alpine release alpinize knows/],
    ['{"alpin": "3.23"}', /"alpin" is not a known setting/],
    [
      '{"check": {"requireDigests": "yes"}}',
      /"check.requireDigests" must be true or false without quotes \(a JSON boolean\), got the string "yes"$/,
    ],
    [
      '{"check": {"requireDigests": "true"}}',
      /"check.requireDigests" must be true or false without quotes .*, got the string "true"$/,
    ],
    [
      '{"check": {"skip": "go-netdns"}}',
      /"check.skip" must be an array of non-empty strings \(\["go-netdns"\] for one\), got the string "go-netdns"$/,
    ],
    [
      '{"packages": {"overrides": {"curl": [1]}}}',
      /"packages.overrides.curl" must be an Alpine package name/,
    ],
    [
      '{"images": {"ignore": "debian"}}',
      /"images.ignore" must be an array of non-empty strings \(\["debian"\] for one\), got the string "debian"$/,
    ],
    [
      JSON.stringify({ images: { ignore: ["debian", "a".repeat(513)] } }),
      /"images.ignore\[1\]" is 513 characters long, more than the 512 an image reference can need/,
    ],
    [
      JSON.stringify({ images: { ignore: Array.from({ length: 1001 }, (_, i) => `img${i}`) } }),
      /"images.ignore" lists 1001 patterns, more than the 1000 allowed; use \* to cover/,
    ],
    ["{ alpine: '3.23' }", /not valid JSON/],
    ['{"migrate": {"gosu": "suexec"}}', /"migrate.gosu" must be "keep" or "su-exec", got "suexec"/],
    [
      '{"migrate": {"gosu": true}}',
      /"migrate.gosu" must be the string "keep" or "su-exec", in quotes, got the boolean true$/,
    ],
    ['{"migrate": {"tini": "keep"}}', /"migrate.tini" is not a known setting \(known: gosu\)/],
    ['{"migrate": "su-exec"}', /"migrate" must be an object, got the string "su-exec"$/],
  ])("rejects %s with a message naming the key", (text, message) => {
    expect(() => parseConfigText(text, "alpinize.config.json")).toThrow(message);
    try {
      parseConfigText(text, "alpinize.config.json");
    } catch (err) {
      expect(err).toMatchObject({ code: "ALPINIZE_CONFIG_INVALID", exitCode: 2 });
      expect(String((err as Error).message)).toMatch(/^alpinize\.config\.json: /);
    }
  });

  it("takes images.ignore patterns up to the bounds", () => {
    const ignore = Array.from({ length: 999 }, (_, i) => `img${i}:*`);
    ignore.push("*a".repeat(256));
    const config = parseConfigText(JSON.stringify({ images: { ignore } }), "alpinize.config.json");
    expect(config.images.ignore).toHaveLength(1000);
  });

  it("finds alpinize.config.json, else the package.json key, else defaults", async () => {
    repo = await scratchRepo({ "package.json": '{"name":"x","alpinize":{"alpine":"3.21"}}' });
    expect((await loadConfig(repo.root)).alpine).toBe("3.21");
    await repo.write("alpinize.config.json", '{"alpine":"3.22"}');
    expect((await loadConfig(repo.root)).alpine).toBe("3.22");
    const other = await scratchRepo({});
    expect(await loadConfig(other.root)).toMatchObject({
      alpine: undefined,
      source: undefined,
      migrate: { gosu: "keep" },
      check: { requireDigests: false },
    });
    await other.remove();
  });

  it("fails when --config names a missing file", async () => {
    repo = await scratchRepo({});
    await expect(loadConfig(repo.root, { file: `${repo.root}/nope.json` })).rejects.toMatchObject({
      code: "ALPINIZE_CONFIG_NOT_FOUND",
    });
  });
});

describe("config error hints", () => {
  it("point to documentation a user of the published packages has, not a source path", () => {
    try {
      parseConfigText('{"alpin": "3.23"}', "alpinize.config.json");
      expect.unreachable();
    } catch (err) {
      const hint = (err as { hint?: string }).hint ?? "";
      expect(hint).not.toMatch(/packages\/repo/);
      expect(hint).toMatch(/"Configuration" in the README of the alpinize npm package/);
    }
  });
});
