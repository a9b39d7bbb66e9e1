import { describe, expect, it } from "vitest";
import type { Copy } from "../discover/scripts.js";
import { type Copies, CopyIndex } from "./copy-index.js";

const copy = (destination: string, ...sources: string[]): Copy =>
  ({ sources, destination }) as unknown as Copy;
const list = (...copies: Copy[]): Copies =>
  copies.reduce<Copies>((older, c) => ({ copy: c, older }), undefined);
const found = (index: CopyIndex, copies: Copies, targets: string[], folders = true) =>
  index.candidates(copies, targets, folders).map((c) => `${c.copy.destination} ${c.source}`);

describe("CopyIndex", () => {
  it("lists the sources that land on a target or in a folder above it, newest first", () => {
    const a = copy("/x.sh", "x.sh");
    const b = copy("/opt/", "d", "e.sh");
    const c = copy("/", "rootfs");
    const copies = list(a, b, c);
    const index = new CopyIndex();
    expect(found(index, copies, ["/x.sh"])).toEqual(["/ rootfs", "/x.sh x.sh"]);
    expect(found(index, copies, ["/opt/d/run.sh"])).toEqual(["/ rootfs", "/opt/ d", "/opt/ e.sh"]);
    expect(found(index, copies, ["/opt/e.sh"], false)).toEqual(["/opt/ e.sh"]);
    expect(found(index, copies, ["/y.sh"], false)).toEqual([]);
  });

  it("follows a list as it grows and reads another list afresh", () => {
    const index = new CopyIndex();
    const first = list(copy("/a.sh", "a.sh"));
    expect(found(index, first, ["/a.sh"])).toEqual(["/a.sh a.sh"]);
    const grown: Copies = { copy: copy("/a.sh", "b.sh"), older: first };
    expect(found(index, grown, ["/a.sh"])).toEqual(["/a.sh b.sh", "/a.sh a.sh"]);
    // Another stage's list, which does not hold the COPYs of the first.
    const other = list(copy("/c.sh", "c.sh"));
    expect(found(index, other, ["/a.sh"])).toEqual([]);
    expect(found(index, other, ["/c.sh"])).toEqual(["/c.sh c.sh"]);
    expect(found(index, undefined, ["/c.sh"])).toEqual([]);
    expect(found(index, grown, ["/a.sh"])).toEqual(["/a.sh b.sh", "/a.sh a.sh"]);
  });
});
