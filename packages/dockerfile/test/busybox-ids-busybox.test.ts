import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALPINE_GROUP, ALPINE_PASSWD } from "@alpinize/testkit";
import { afterEach, describe, expect, it } from "vitest";
import {
  ALPINE_BASE_GROUPS,
  ALPINE_BASE_USERS,
  busyboxAddgroup,
  busyboxAdduser,
  IdTable,
  type MadeAccount,
  PACKAGE_SCRIPTS,
  type PackageScript,
  runPackageScript,
} from "../src/index.js";
import { busyboxSkipReason, makeAlpineRoot } from "./support/busybox-root.js";

/** One step of a generated build: a busybox command of the file's, or a package's install script. */
type Step =
  | { tool: "addgroup"; name: string; gid?: number; system: boolean }
  | { tool: "adduser"; name: string; uid?: number; group?: string; system: boolean }
  | { tool: "package"; pkg: string };

/** The model's table on Alpine's base image. */
function baseTable(): IdTable {
  const table = new IdTable();
  for (const [gid, name] of ALPINE_BASE_GROUPS) table.addGroup(name, gid);
  for (const [uid, name] of ALPINE_BASE_USERS) table.addUser(name, uid);
  return table;
}

/** What the model says each step makes (an empty list where busybox fails). */
function modelRun(steps: readonly Step[]): MadeAccount[][] {
  const table = baseTable();
  return steps.map((step) => {
    const made =
      step.tool === "package"
        ? (runPackageScript(table, step.pkg, (m) => table.add(m)) ?? [])
        : step.tool === "addgroup"
          ? [busyboxAddgroup(table, step.name, step.gid, step.system)].filter(
              (m) => m !== undefined,
            )
          : (busyboxAdduser(table, step.name, step.uid, step.group, step.system) ?? []);
    if (step.tool !== "package") for (const m of made) table.add(m);
    return made;
  });
}

/**
 * The package's pre-install script as aports writes them: -S, and a failing step goes unnoticed
 * (`2>/dev/null` there, `|| true` here: the scratch root has no /dev).
 */
function scriptText(script: PackageScript): string {
  const lines = script.steps.map((s) =>
    s.tool === "addgroup"
      ? `addgroup -S${s.gid === undefined ? "" : ` -g ${s.gid}`} ${s.group} || true`
      : `adduser -S -D -H${s.uid === undefined ? "" : ` -u ${s.uid}`} -G ${s.group} ${s.user} || true`,
  );
  return lines.join("\n");
}

function commandText(step: Step): string {
  if (step.tool === "package") return scriptText(PACKAGE_SCRIPTS.find((s) => s.pkg === step.pkg)!);
  if (step.tool === "addgroup")
    return `addgroup${step.system ? " -S" : ""}${step.gid === undefined ? "" : ` -g ${step.gid}`} ${step.name}`;
  const group = step.group === undefined ? "" : ` -G ${step.group}`;
  return `adduser -D -H${step.system ? " -S" : ""}${step.uid === undefined ? "" : ` -u ${step.uid}`}${group} ${step.name}`;
}

/** `name → ID` of an /etc/group or /etc/passwd in the root. */
function ids(root: string, file: string): Map<string, number> {
  const text = readFileSync(join(root, "etc", file), "utf8");
  return new Map(
    text
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split(":"))
      .map(([name = "", , id = ""]) => [name, Number(id)]),
  );
}

/** A small deterministic generator (no Math.random: a failure must repeat). */
function generator(seed: number): (n: number) => number {
  // xorshift32: integer arithmetic throughout, so every bit of the state stays exact.
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

const PACKAGES = PACKAGE_SCRIPTS.map((s) => s.pkg);
/** IDs around the ones the base and the scripts take, so clashes are common. */
const IDS = [31, 82, 99, 100, 101, 102, 103, 123, 999, 1000, 1001];

function randomSteps(seed: number): Step[] {
  const pick = generator(seed);
  const steps: Step[] = [];
  const names = ["app", "web", "svc", "nginx", "redis", "docker", "worker"];
  for (let k = 0; k < 7; k++) {
    const name = names[pick(names.length)]!;
    const id = pick(3) === 0 ? undefined : IDS[pick(IDS.length)];
    const system = pick(2) === 0;
    const kind = pick(4);
    if (kind === 0) steps.push({ tool: "package", pkg: PACKAGES[pick(PACKAGES.length)]! });
    else if (kind === 1) steps.push({ tool: "addgroup", name, gid: id, system });
    else {
      const group = pick(2) === 0 ? undefined : ["users", "app", "nginx", "nogroup"][pick(4)];
      steps.push({ tool: "adduser", name: `${name}u`, uid: id, group, system });
    }
  }
  return steps;
}

/** Sequences a Dockerfile writes: a package before or after the file's own accounts. */
const WRITTEN: Step[][] = [
  [
    { tool: "package", pkg: "nginx" },
    { tool: "addgroup", name: "app", gid: 101, system: false },
    { tool: "adduser", name: "app", uid: 101, group: "app", system: false },
  ],
  [
    { tool: "addgroup", name: "app", gid: 101, system: false },
    { tool: "package", pkg: "nginx" },
    { tool: "addgroup", name: "web", gid: 102, system: false },
  ],
  [
    { tool: "package", pkg: "redis" },
    { tool: "addgroup", name: "app", gid: 101, system: true },
    { tool: "adduser", name: "app", uid: 100, group: "app", system: true },
  ],
  [
    { tool: "addgroup", name: "svc", system: true },
    { tool: "package", pkg: "nginx" },
    { tool: "package", pkg: "redis" },
    { tool: "adduser", name: "svc", system: true },
  ],
  [
    { tool: "package", pkg: "squid" },
    { tool: "package", pkg: "docker" },
    { tool: "adduser", name: "app", uid: 31, system: false },
  ],
];

const reason = busyboxSkipReason();
describe.skipIf(reason !== undefined)("busybox's ID choice, against the musl busybox", () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  /**
   * Runs the steps in an Alpine root (a fresh one, or `reused` with Alpine's /etc put back); each
   * step's success must be what the model says. Returns how many the model says fail.
   */
  function compare(steps: readonly Step[], reused?: string): number {
    const dir = reused ?? makeAlpineRoot("alpinize-ids-");
    root = dir;
    if (reused)
      for (const [f, text] of [
        ["group", ALPINE_GROUP],
        ["passwd", ALPINE_PASSWD],
      ])
        writeFileSync(join(dir, "etc", f!), text!);
    const model = modelRun(steps);
    steps.forEach((step, k) => {
      const r = spawnSync("chroot", [dir, "/bin/sh", "-c", commandText(step)], {
        encoding: "utf8",
      });
      const ok = step.tool === "package" || model[k]!.length > 0;
      expect({ step: commandText(step), status: r.status === 0 }).toEqual({
        step: commandText(step),
        status: ok,
      });
    });
    const groups = ids(dir, "group");
    const users = ids(dir, "passwd");
    for (const made of model.flat()) {
      const real = made.kind === "group" ? groups.get(made.name) : users.get(made.name);
      expect({ made, real }).toEqual({ made, real: made.id });
    }
    return steps.filter((s, k) => s.tool !== "package" && model[k]!.length === 0).length;
  }

  it.each(WRITTEN.map((s) => [s.map(commandText).join(" | ").replace(/\n/g, "; "), s]))(
    "gives the IDs busybox gives: %s",
    (_, steps) => {
      compare(steps as Step[]);
    },
  );

  it("gives the IDs busybox gives on 60 generated sequences", () => {
    root = makeAlpineRoot("alpinize-ids-");
    let failing = 0;
    for (let seed = 1; seed <= 60; seed++) failing += compare(randomSteps(seed), root);
    // The sequences meet taken names and IDs too, not only free ones.
    expect(failing).toBeGreaterThan(20);
  });

  it("says nginx's group gets 101 and its user 100 on Alpine's base", () => {
    const [made] = modelRun([{ tool: "package", pkg: "nginx" }]);
    expect(made).toEqual([
      { kind: "group", name: "nginx", id: 101 },
      { kind: "user", name: "nginx", id: 100, group: "nginx" },
    ]);
  });
});
