import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../parse/dockerfile.js";
import { globMatch, ImageFiles } from "./image-files.js";

const [A, B, C] = parseDockerfile("FROM x\nCOPY a /\nCOPY b /\nCOPY c /\n").instructions.slice(1);

function reader(files: Record<string, string>) {
  const asked: string[] = [];
  const read = (path: string) => {
    asked.push(path);
    return files[path];
  };
  return { read, asked };
}

describe("ImageFiles: which context file lies at an image path", () => {
  it("maps a path inside a copied folder back into the context", () => {
    const { read } = reader({ "scripts/sub/setup.sh": "S" });
    const image = new ImageFiles(read);
    image.folder({ source: "scripts/", dest: "/opt/scripts", instruction: A! });
    expect(image.at("/opt/scripts/sub/setup.sh")?.source).toBe("scripts/sub/setup.sh");
    expect(image.at("/opt/scripts/other.sh")).toBeUndefined();
    expect(image.at("/opt/setup.sh")).toBeUndefined();
  });

  it("answers with the latest copy that put a file there", () => {
    const { read, asked } = reader({ "a/x.sh": "A", "b/x.sh": "B" });
    const image = new ImageFiles(read);
    image.folder({ source: "a", dest: "/opt", instruction: A! });
    expect(image.at("/opt/x.sh")?.content).toBe("A");
    image.file("/opt/x.sh", { source: "x.sh", content: "F", instruction: B! });
    expect(image.at("/opt/x.sh")?.content).toBe("F");
    // A folder without opt/x.sh leaves the file there.
    image.folder({ source: "b", dest: "/", instruction: C! });
    expect(image.at("/opt/x.sh")?.content).toBe("F");
    image.folder({ source: "b", dest: "/opt", instruction: C! });
    expect(image.at("/opt/x.sh")?.content).toBe("B");
    // Each folder was read once for the path: later questions look at newer copies only.
    expect(asked).toEqual(["a/x.sh", "b/opt/x.sh", "b/x.sh"]);
  });

  it("takes only the names a glob copy matches, straight into its folder", () => {
    const { read } = reader({ "bin/run.sh": "R", "bin/sub/run.sh": "S" });
    const image = new ImageFiles(read);
    image.folder({ source: "bin", dest: "app", instruction: A!, names: "*.sh" });
    expect(image.at("app/run.sh")?.source).toBe("bin/run.sh");
    expect(image.at("app/sub/run.sh")).toBeUndefined();
    expect(image.at("app/run.py")).toBeUndefined();
    image.folder({ source: ".", dest: "", instruction: B! });
    expect(image.at("bin/run.sh")?.source).toBe("bin/run.sh");
  });

  it("matches globs of * and ? in time linear in their product", () => {
    expect(globMatch("*.sh", "run.sh")).toBe(true);
    expect(globMatch("r?n*", "run.sh")).toBe(true);
    expect(globMatch("*.sh", "run.py")).toBe(false);
    expect(globMatch(`${"*a".repeat(30)}b`, "a".repeat(50_000))).toBe(false);
  });
});
