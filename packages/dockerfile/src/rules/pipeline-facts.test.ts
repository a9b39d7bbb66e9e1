import { describe, expect, it } from "vitest";
import { migrate } from "../../test/helpers.js";
import { type Pipeline, parseScript } from "../shell/script.js";
import { onlyFeeds, pipelineFacts } from "./pipeline-facts.js";

function pipeline(text: string): Pipeline {
  const p = parseScript(text).items.find((i) => i.kind === "pipeline");
  if (p?.kind !== "pipeline") throw new Error(`no pipeline in ${text}`);
  return p;
}

describe("pipelineFacts", () => {
  it("finds the /etc/locale.gen editor among arguments and redirections, not assignments", () => {
    const p = pipeline("true | L=/etc/locale.gen env | echo x >> /etc/locale.gen | tee a");
    const facts = pipelineFacts(p);
    expect(facts.touchesLocaleGen).toBe(true);
    expect(facts.localeGenEditor).toBe(p.commands[2]);
    const only = pipeline("L=/etc/locale.gen env | cat");
    expect(pipelineFacts(only)).toMatchObject({
      touchesLocaleGen: true,
      localeGenEditor: undefined,
    });
    expect(pipelineFacts(pipeline("true | cat")).touchesLocaleGen).toBe(false);
  });

  it("says a command is only fed when every other command feeds or becomes true", () => {
    const p = pipeline("echo a | apt-get clean | locale-gen | yes");
    expect(onlyFeeds(p, p.commands[2]!)).toBe(true);
    expect(onlyFeeds(p, p.commands[0]!)).toBe(false);
    const two = pipeline("make | locale-gen");
    expect(onlyFeeds(two, two.commands[0]!)).toBe(false);
    expect(onlyFeeds(two, two.commands[1]!)).toBe(false);
    const feeders = pipeline("echo a | cat");
    expect(onlyFeeds(feeders, feeders.commands[1]!)).toBe(true);
  });
});

describe("migrateLocales on a long pipeline", () => {
  it("removes a locale edit fed by 5,000 commands as it removes one fed by two", () => {
    const edit = "echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen";
    for (const n of [2, 5_000]) {
      const r = migrate(`FROM debian:12\nRUN ${"true | ".repeat(n)}${edit}\nRUN echo ok\n`);
      expect(r.output).toBe("FROM alpine:3.23\nRUN echo ok\n");
      expect(r.warnings.filter((w) => w.rule === "locales")).toHaveLength(1);
    }
  });

  it("leaves a long pipeline with other work and a locale tool, flagged once", () => {
    const r = migrate(`FROM debian:12\nRUN make${" | locale-gen".repeat(3)}\n`);
    expect(r.output).toContain(`RUN make${" | locale-gen".repeat(3)}`);
    expect(r.warnings.filter((w) => /other work: left as is/.test(w.message))).toHaveLength(1);
  });
});
