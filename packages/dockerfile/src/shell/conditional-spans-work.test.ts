import { describe, expect, it } from "vitest";
import { conditionalSpans } from "./conditional-spans.js";
import { parseScript, type Script } from "./script.js";

/** The script with its items behind a proxy that counts reads of an item by index. */
function counted(text: string): { script: Script; reads: () => number } {
  const script = parseScript(text);
  let reads = 0;
  const items = new Proxy(script.items, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { script: { ...script, items }, reads: () => reads };
}

describe("conditionalSpans work", () => {
  // Each `&&` of a long chain walked back to the start of its list to see whether only `&&`
  // came before a probe, before asking whether there was one: 16,000 apt-get installs in one
  // RUN made migrate quadratic.
  it("reads each item of a chain of installs a few times, not once per later &&", () => {
    const n = 2000;
    const { script, reads } = counted(Array(n).fill("apt-get install -y curl").join(" && "));
    expect(conditionalSpans(script)).toEqual([]);
    expect(reads()).toBeLessThan(10 * script.items.length);
  });

  it("still opens a stretch after a probe late in such a chain", () => {
    const text = `${Array(50).fill("echo a").join(" && ")} && command -v curl && apk add curl`;
    const spans = conditionalSpans(parseScript(text));
    expect(spans.map(([s, e]) => text.slice(s, e).trim())).toEqual(["apk add curl"]);
  });
});
