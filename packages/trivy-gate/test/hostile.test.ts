import { describe, expect, it } from "vitest";
import { defaultPolicy, evaluate, parseTrivyReport, render } from "../src/index.js";
import { fixture } from "./helpers.js";

const NOW = new Date("2026-12-04T12:00:00Z");

/** statuses.json with strings an attacker controls through the scanned image or its name. */
function hostile(edit: (doc: TrivyDoc) => void) {
  const doc = JSON.parse(fixture("statuses.json").toString()) as TrivyDoc;
  edit(doc);
  const report = parseTrivyReport(JSON.stringify(doc), { source: "hostile.json" });
  return evaluate(report, defaultPolicy({ now: NOW }));
}

interface TrivyDoc {
  ArtifactName: string;
  Results: { Vulnerabilities: Record<string, unknown>[] }[];
}
const first = (doc: TrivyDoc) => doc.Results[0]!.Vulnerabilities[0]!;

describe("strings from the report cannot inject markup or links", () => {
  it("Markdown escapes <, > and & outside code spans", () => {
    const e = hostile((doc) => {
      doc.ArtifactName = "<img src=x onerror=alert(1)> & co";
    });
    const md = render(e, "markdown");
    expect(md).not.toContain("<img");
    expect(md).toMatch(
      /^## ❌ alpinize gate failed: &lt;img src=x onerror=alert\\\(1\\\)&gt; &amp; co/,
    );
  });

  // What a hostile image or advisory can put in a name or title, in Markdown and SARIF help.
  const MARKUP =
    "# H1 ![x](https://evil/p.png) [c](javascript:alert(1)) <https://evil/a> @here @octo-org/team #123 ```js\n~~gone~~ **bold** _it_ $x^2$ `code` a|b";
  const hostileMarkup = () =>
    hostile((doc) => {
      doc.ArtifactName = MARKUP;
      first(doc).Title = MARKUP;
      first(doc).PkgName = MARKUP;
      (doc.Results[0] as unknown as { Target: string }).Target = MARKUP;
      first(doc).PrimaryURL = "https://avd.example/cve?(x)|y[1]`z";
    });
  const inert = (md: string, where: string) => {
    expect(md, where).not.toMatch(/(^|[^\\])[`*_[\]()!~$#|<>]/);
    expect(md, where).not.toMatch(/[@#][\p{L}\p{N}]/u);
    expect(md, where).toContain("\\!\\[x\\]\\(https://evil/p.png\\)");
    expect(md, where).toContain("@\u200dhere @\u200docto-org/team \\#\u200d123");
  };

  it("Markdown neutralises links, images, code, emphasis, math and mentions in report text", () => {
    const md = render(hostileMarkup(), "markdown");
    const heading = md.split("\n")[0]!;
    const prefix = "## ❌ alpinize gate failed: ";
    expect(heading.startsWith(prefix)).toBe(true);
    expect(heading.endsWith(" (debian 12.11)")).toBe(true);
    inert(heading.slice(prefix.length, -" (debian 12.11)".length), "heading");
    const row = md.split("\n").find((l) => l.includes("CVE-2026-0001"))!;
    inert(row.slice(row.lastIndexOf(" | ") + 3, -2), "target cell");
    // The package is a code span: literal text, where GitHub links nothing and mentions no one.
    expect(row).toContain(
      `| \`${MARKUP.replace(/`/g, "'").replace("\n", " ").replace("|", "\\|")}\` |`,
    );
    // The advisory link stays a link, its destination unable to end early or split the row.
    expect(row).toContain("[CVE-2026-0001](https://avd.example/cve?%28x%29%7Cy%5B1%5D%60z)");
  });

  it("SARIF help.markdown neutralises the same text", () => {
    const sarif = JSON.parse(render(hostileMarkup(), "sarif")) as {
      runs: { tool: { driver: { rules: { id: string; help: { markdown: string } }[] } } }[];
    };
    const rule = sarif.runs[0]!.tool.driver.rules.find((r) => r.id === "CVE-2026-0001")!;
    const [title, table, links] = rule.help.markdown.split("\n\n");
    inert(title!.replace(/^\*\*CVE-2026-0001\*\*: /, ""), "sarif help title");
    inert(table!.split("\n")[2]!.split(" | ")[2]!.replace(/ \|$/, ""), "sarif help package");
    expect(links).toBe("[CVE-2026-0001](https://avd.example/cve?%28x%29%7Cy%5B1%5D%60z)");
  });

  it("links only http(s) URLs, in Markdown and in SARIF helpUri", () => {
    const e = hostile((doc) => {
      first(doc).PrimaryURL = "javascript:alert(1)";
    });
    const md = render(e, "markdown");
    expect(md).not.toContain("](javascript:");
    expect(md).toMatch(/\| CVE-2026-0001 \|/);
    const sarif = JSON.parse(render(e, "sarif")) as {
      runs: { tool: { driver: { rules: Record<string, unknown>[] } } }[];
    };
    const rules = sarif.runs[0]!.tool.driver.rules;
    const rule = rules.find((r) => r.id === "CVE-2026-0001")!;
    expect(rule.helpUri).toBeUndefined();
    expect(JSON.stringify(rule)).not.toContain("](javascript:");
    // An ordinary https URL is still a link.
    const other = rules.find((r) => r.id === "CVE-2026-0002")!;
    expect(other.helpUri).toBe("https://avd.aquasec.com/nvd/cve-2026-0002");
    expect(render(e, "markdown")).toContain(
      "[CVE-2026-0002](https://avd.aquasec.com/nvd/cve-2026-0002)",
    );
  });

  it("text output keeps one finding per line when fields hold newlines or tabs", () => {
    const e = hostile((doc) => {
      first(doc).InstalledVersion = "1\n2";
      first(doc).PkgName = "lib\tssl\u2028x";
      doc.ArtifactName = "app\nFAKE: PASS";
    });
    const text = render(e, "text");
    const lines = text.split("\n");
    expect(lines[0]).toBe("alpinize gate: FAIL  app FAKE: PASS (debian 12.11)");
    const line = lines.find((l) => l.includes("CVE-2026-0001"))!;
    expect(line).toContain("lib ssl x 1 2 -> 3.0.16-1");
    expect(lines.some((l) => l.startsWith("2 "))).toBe(false);
  });
});
