import { describe, expect, it } from "vitest";
import { migrateDockerfile } from "../index.js";
import { parseScript, simpleCommands } from "../shell/script.js";
import { displayOnlyWords } from "./busybox.js";
import { gnuNeedOf } from "./gnu-tools.js";

const migrate = (text: string) => migrateDockerfile(text, { fileName: "Dockerfile" });
const busybox = (text: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === "busybox")
    .map((w) => w.message);

// The wget rule drops display-only options (busybox wget takes the call then); the rule busybox
// must not add GNU wget for the same options, nor keep them when it does add GNU wget.
describe("wget display-only options: one rule handles them", () => {
  it("drops --show-progress for busybox wget and adds no GNU wget", () => {
    const out = migrate("FROM debian:12\nRUN wget --show-progress -O f https://e.org/x\n").output;
    expect(out).toMatch(/^FROM alpine:\S+\nRUN wget -O f https:\/\/e\.org\/x\n$/);
    expect(busybox("FROM debian:12\nRUN wget -O f https://e.org/x --progress=dot:giga\n")).toEqual(
      [],
    );
  });

  it("adds GNU wget and keeps the option when another option needs GNU wget", () => {
    const out = migrate(
      "FROM debian:12\nRUN wget --show-progress --limit-rate=1k -O f https://e.org/x\n",
    ).output;
    expect(out).toContain("apk add --no-cache wget");
    expect(out).toContain("wget --show-progress --limit-rate=1k -O f");
  });

  it("adds GNU wget where the wget rule does not reach the call (behind sudo)", () => {
    const out = migrate(
      "FROM debian:12\nRUN sudo wget --show-progress -O f https://e.org/x\n",
    ).output;
    expect(out).toContain("apk add --no-cache wget");
    expect(out).toContain("wget --show-progress -O f");
  });

  it("leaves the display words out of the GNU need before or after the wget rule has run", () => {
    const [cmd] = simpleCommands(parseScript("wget --progress dot -O f --show-progress u"));
    const handled = new Set(displayOnlyWords(cmd!));
    // Before the wget rule: the words are still there, and are not a reason for GNU wget.
    expect(gnuNeedOf(cmd!, handled)).toBeUndefined();
    // Without the wget rule (not handled), busybox rejects them and GNU wget is the answer.
    expect(gnuNeedOf(cmd!)?.pkg).toBe("wget");
    // After it: the call without them needs nothing either.
    const [dropped] = simpleCommands(parseScript("wget -O f u"));
    expect(gnuNeedOf(dropped!)).toBeUndefined();
  });
});
