import { describe, expect, it } from "vitest";
import { runCli } from "./test-helpers.js";

// `-hv` was "-h takes no value, but was given one (-hv)" at the top (read as -h=v) and
// "unknown option -h" after a command, though every command takes -h.
describe("a cluster of short flags (-hv) is refused, named as written, everywhere", () => {
  it.each([
    [
      ["-hv"],
      'alpinize: -hv is not an option: short flags do not combine. Give each flag on its own (-h -v); run "alpinize --help"',
    ],
    [["-vh"], "alpinize: -vh is not an option: short flags do not combine"],
    [["migrate", "-hv"], "alpinize migrate: -hv is not an option: short flags do not combine"],
    [["check", ".", "-vh"], "alpinize check: -vh is not an option: short flags do not combine"],
    [
      ["pin", "-hv", "Dockerfile"],
      "alpinize pin: -hv is not an option: short flags do not combine",
    ],
    [["shims", "print", "-hv"], "alpinize shims print: -hv is not an option"],
    [
      ["migrate", "-wc", "Dockerfile"],
      "alpinize migrate: -wc is not an option: short flags do not combine",
    ],
  ])("%j: exit 2, %s", async (argv, words) => {
    const r = await runCli(argv);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toContain(words);
    expect(r.stderr).not.toMatch(/takes no value|unknown option -[hv]\b/);
  });

  it("a command's hint gives each flag apart and where its options are", async () => {
    const r = await runCli(["migrate", "-hv"]);
    expect(r.stderr).toContain(
      'Give each flag on its own (-h -v); run "alpinize migrate --help" for its options.',
    );
  });

  // `-wc` was told "Give each flag on its own (-w -c)", though neither is a flag.
  it.each([
    [
      ["migrate", "-wc"],
      '-w, -c are no short flags; run "alpinize migrate --help" for its options.',
    ],
    [["check", "-jx"], '-j, -x are no short flags; run "alpinize check --help" for its options.'],
    [["check", "-hx"], "-x is no short flag; give each flag on its own (-h)"],
    [["shims", "print", "-xo"], "-x is no short flag; give each flag on its own (-o)"],
    [["-hq"], '-q is no short flag; give each flag on its own (-h); run "alpinize --help"'],
  ])("%j: the hint names only real flags", async (argv, words) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(words);
    expect(r.stderr).not.toMatch(/\((?:-[wjxcq] ?)+\)/);
  });

  it("under --json the {error} document says the same", async () => {
    const r = await runCli(["-hv", "--json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({
      code: "ALPINIZE_USAGE",
      message: "alpinize: -hv is not an option: short flags do not combine",
    });
  });

  it("-h and -v apart, -h=1, --helpx and a value glued to -o keep their meanings", async () => {
    expect((await runCli(["-h", "-v"])).code).toBe(0);
    expect((await runCli(["migrate", "-h", "-v"])).code).toBe(0);
    expect((await runCli(["-h=1"])).stderr).toContain(
      "-h takes no value, but was given one (-h=1)",
    );
    const helpx = await runCli(["--helpx"]);
    expect(helpx.stderr).toContain('unknown option "--helpx"');
    expect(helpx.stderr).not.toContain("takes no value");
    // -ofile is -o with the value file (the shims output), not a cluster.
    expect((await runCli(["shims", "print", "-ofile", "-x"])).stderr).not.toContain(
      "do not combine",
    );
  });
});
