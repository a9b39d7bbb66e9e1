import { describe, expect, it } from "vitest";
import { AccountMap } from "./account-map.js";

interface Entry {
  id: number | undefined;
  group?: string;
}

const make = () => new AccountMap<Entry>([(e) => e.id, (e) => e.group]);

describe("AccountMap", () => {
  it("finds the first name in file order that has an ID, as a search of the map would", () => {
    const m = make();
    m.set("a", { id: 1 });
    m.set("b", { id: 2 });
    m.set("c", { id: 2 });
    expect(m.first(0, 2)).toBe("b");
    // Set again with another ID, a name keeps its place in the file: it is first for that ID.
    m.set("a", { id: 2 });
    expect(m.first(0, 2)).toBe("a");
    expect(m.first(0, 1)).toBeUndefined();
    expect(m.all(0, 2)).toEqual(["a", "b", "c"]);
    // Deleted and made again, a name goes to the end of the file.
    m.delete("a");
    m.set("a", { id: 2 });
    expect(m.all(0, 2)).toEqual(["b", "c", "a"]);
    const search = (id: number) => [...m].find(([, e]) => e.id === id)?.[0];
    expect(m.first(0, 2)).toBe(search(2));
  });

  it("indexes a second field, counts entries with no key, and copies on its own", () => {
    const m = make();
    m.set("u1", { id: 1000, group: "g" });
    m.set("u2", { id: undefined, group: "g" });
    expect(m.first(1, "g")).toBe("u1");
    expect(m.someUnkeyed(0)).toBe(true);
    const copy = m.copy();
    m.delete("u2");
    m.delete("u1");
    expect(m.someUnkeyed(0)).toBe(false);
    expect(m.first(1, "g")).toBeUndefined();
    expect(copy.all(1, "g")).toEqual(["u1", "u2"]);
    expect(copy.someUnkeyed(0)).toBe(true);
    copy.clear();
    expect(copy.size).toBe(0);
    expect(copy.first(0, 1000)).toBeUndefined();
  });
});
