import { describe, expect, it } from "vitest";
import {
  type SetupCommand,
  setupDownload,
  setupScriptAdvice,
  setupScriptRuns,
} from "./setup-scripts.js";

/** A script split into commands the simple way: `|` pipes, `&&` and `;` separate. */
function commands(script: string): SetupCommand[] {
  const out: SetupCommand[] = [];
  for (const part of script.split(/(\|\||&&|;|\|)/)) {
    const op = part.trim();
    if (op === "&&" || op === ";" || op === "||" || op === "|") {
      if (op === "|") out.push({ name: "|", args: [] });
      continue;
    }
    const [name = "", ...args] = op.split(/\s+/);
    const piped = out.at(-1)?.name === "|";
    if (piped) out.pop();
    out.push(piped ? { name, args, piped: true } : { name, args });
  }
  return out;
}

const runs = (script: string) =>
  setupScriptRuns(commands(script)).map((r) => `${r.download}>${r.run}`);

describe("setupScriptRuns", () => {
  it.each([
    ["curl -fsSL https://deb.nodesource.com/setup_20.x | bash -", "0>1"],
    ["curl -fsSL https://get.docker.com | sh", "0>1"],
    ["wget -qO- https://deb.nodesource.com/setup_22.x | sudo -E bash -", "0>1"],
    ["wget -qO - https://deb.nodesource.com/setup_22.x | bash", "0>1"],
    ["curl -sL https://deb.nodesource.com/setup_lts.x | bash -s -- --yes", "0>1"],
    ["curl -fsSL https://get.docker.com | sh -o pipefail", "0>1"],
  ])("finds a script piped into a shell: %s", (script, found) => {
    expect(runs(script)).toEqual([found]);
  });

  it.each([
    ["curl -fsSL https://deb.nodesource.com/setup_lts.x -o /tmp/s.sh && bash /tmp/s.sh", "0>1"],
    ["curl -fsSLo /tmp/s.sh https://deb.nodesource.com/setup_lts.x && bash /tmp/s.sh", "0>1"],
    ["curl --output=s.sh https://get.docker.com ; sh -x s.sh", "0>1"],
    ["curl -fsSL https://get.docker.com -o get-docker.sh && sh get-docker.sh", "0>1"],
    ["wget -O /tmp/s.sh https://deb.nodesource.com/setup_20.x ; sh /tmp/s.sh", "0>1"],
    ["wget -O/tmp/s.sh https://deb.nodesource.com/setup_20.x ; . /tmp/s.sh", "0>1"],
    ["wget https://deb.nodesource.com/setup_20.x && bash setup_20.x", "0>1"],
    ["curl -fsSLO https://deb.nodesource.com/setup_20.x && bash ./setup_20.x", "0>1"],
    ["curl -o s.sh https://get.docker.com && chmod +x s.sh && ./s.sh", "0>2"],
    ["curl -o /tmp/s.sh https://get.docker.com && cd /tmp && sudo sh s.sh", "0>2"],
    ["curl -o /tmp/s.sh https://get.docker.com && bash -o pipefail /tmp/s.sh", "0>1"],
  ])("finds a script saved to a file and run: %s", (script, found) => {
    expect(runs(script)).toEqual([found]);
  });

  it("finds a shell whose script word fetches one", () => {
    const cmd = { name: "sh", args: ["-c", "$(curl -fsSL https://get.docker.com)"] };
    expect(setupScriptRuns([cmd])).toEqual([
      { download: 0, run: 0, url: "https://get.docker.com" },
    ]);
    const procSub = { name: "bash", args: ["<(curl -s https://deb.nodesource.com/setup_20.x)"] };
    expect(setupScriptRuns([procSub]).map((r) => r.url)).toEqual([
      "https://deb.nodesource.com/setup_20.x",
    ]);
  });

  it.each([
    ["curl -fsSLo setup.sh https://deb.nodesource.com/setup_20.x"],
    ["curl -o s.sh https://get.docker.com && bash other.sh"],
    ["curl -o s.sh https://get.docker.com && bash -c 'echo s.sh'"],
    ["curl -fsSL https://get.docker.com | tee s.sh"],
    ["curl -fsSL https://get.docker.com/rootless | sh"],
    ["curl -fsSL https://example.com/install.sh | sh"],
    ["echo https://get.docker.com | sh"],
    ["curl -fsSL https://deb.nodesource.com/setup_20.x ; bash"],
  ])("leaves what does not run a setup script: %s", (script) => {
    expect(runs(script)).toEqual([]);
  });
});

describe("setupDownload", () => {
  it("names the file wget writes when no -O is given", () => {
    const wget = (args: string[]) => setupDownload({ name: "wget", args })?.file;
    expect(wget(["https://get.docker.com"])).toBe("index.html");
    expect(wget(["-q", "https://get.docker.com/"])).toBe("index.html");
    expect(wget(["https://deb.nodesource.com/setup_20.x?x=1"])).toBe("setup_20.x");
    expect(wget(["-qO-", "https://get.docker.com"])).toBeUndefined();
  });
});

describe("setupScriptAdvice", () => {
  it("names Docker's script and the Alpine packages for it", () => {
    const advice = setupScriptAdvice("https://get.docker.com");
    expect(advice.kind).toBe("docker");
    expect(advice.why).toMatch(/Unsupported distribution 'alpine'/);
    expect(advice.instead).toMatch(/apk add docker-cli/);
  });

  it("says a vendor's apt setup needs apt", () => {
    expect(setupScriptAdvice("https://deb.nodesource.com/setup_20.x").kind).toBe("apt");
  });
});
