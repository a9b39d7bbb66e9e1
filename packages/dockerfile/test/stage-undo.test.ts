import { describe, expect, it } from "vitest";
import type { StageState } from "../src/rules/scope.js";
import { snapshotStage } from "../src/rules/stage-undo.js";

/** A stage-like record: the undo log only sees its fields, so a few of each kind do. */
function fakeStage() {
  return {
    alpineInstalled: new Set(["a", "b"]),
    values: new Map([["X", 1]]),
    apkAdds: [{ at: 1 }, { at: 2 }],
    bashNeeds: [] as { offset: number }[],
    usesDpkgTools: false,
    aptGosu: undefined as boolean | undefined,
  };
}
type Fake = ReturnType<typeof fakeStage>;
const asStage = (s: Fake) => s as unknown as StageState;
/** What a stage holds, collections in order, for comparing before and after. */
const contents = (s: Fake) => ({
  ...s,
  alpineInstalled: [...s.alpineInstalled],
  values: [...s.values],
  apkAdds: [...s.apkAdds],
  bashNeeds: [...s.bashNeeds],
});

/** Every way a tentative conversion may change a stage, each on its own. */
const CHANGES: [string, (s: Fake) => void][] = [
  ["Set add", (s) => s.alpineInstalled.add("c")],
  ["Set delete (order back)", (s) => s.alpineInstalled.delete("a") && s.alpineInstalled.add("a")],
  ["Set clear", (s) => s.alpineInstalled.clear()],
  ["Map set new", (s) => s.values.set("Y", 2)],
  ["Map set existing", (s) => s.values.set("X", 5)],
  ["Map delete", (s) => s.values.delete("X")],
  ["array push", (s) => s.apkAdds.push({ at: 3 })],
  ["array unshift", (s) => s.bashNeeds.unshift({ offset: 0 })],
  ["array splice", (s) => s.apkAdds.splice(0, 1)],
  ["array sort", (s) => s.apkAdds.sort((x, y) => y.at - x.at)],
  [
    "flag",
    (s) => {
      s.usesDpkgTools = true;
    },
  ],
  [
    "optional field",
    (s) => {
      s.aptGosu = true;
    },
  ],
  [
    "new field",
    (s) => {
      (s as Record<string, unknown>).companionsOf = new Map();
    },
  ],
];

describe("snapshotStage", () => {
  it.each(CHANGES)("restore undoes %s", (_, change) => {
    const stage = fakeStage();
    const before = contents(stage);
    const snapshot = snapshotStage(asStage(stage));
    change(stage);
    expect(contents(stage)).not.toEqual(before);
    snapshot.restore();
    expect(contents(stage)).toEqual(before);
  });

  it("undoes a nested snapshot's kept changes with the outer one, and nothing after close", () => {
    const stage = fakeStage();
    const before = contents(stage);
    const outer = snapshotStage(asStage(stage));
    stage.apkAdds.push({ at: 3 });
    const inner = snapshotStage(asStage(stage));
    stage.alpineInstalled.add("c");
    inner.keep();
    const dropped = snapshotStage(asStage(stage));
    stage.values.set("Z", 9);
    dropped.restore();
    expect(stage.values.has("Z")).toBe(false);
    expect(stage.alpineInstalled.has("c")).toBe(true);
    outer.restore();
    expect(contents(stage)).toEqual(before);
    // Closed: a change now is for good.
    stage.apkAdds.push({ at: 4 });
    expect(stage.apkAdds).toHaveLength(3);
  });

  it("fails loudly when an array was changed past its methods", () => {
    const stage = fakeStage();
    const snapshot = snapshotStage(asStage(stage));
    stage.apkAdds.length = 0;
    expect(() => snapshot.restore()).toThrow(/apkAdds changed without its methods/);
  });
});
