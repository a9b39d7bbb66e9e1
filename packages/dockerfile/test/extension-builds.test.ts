import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

/** The apk add that build-essential became, in a stage that then runs `step`. */
const buildBase = (step: string) =>
  /RUN apk add --no-cache (.*)\n/.exec(
    migrate(`FROM debian:12\nRUN apt-get install -y build-essential\nRUN ${step}\n`).output,
  )?.[1];

describe("apt: build-essential gets linux-headers where native extensions compile", () => {
  it.each([
    "/opt/venv/bin/pip install psutil",
    ".venv/bin/pip install -r requirements.txt",
    "/usr/local/bin/pip install --no-cache-dir psutil",
    "pip --no-cache-dir install psutil",
    "pip3.12 install psutil",
    "pip3 wheel --wheel-dir /wheels -r requirements.txt",
    "pip wheel psutil",
    "poetry install --no-root",
    "pipenv install --deploy --system",
    "cd /app && /usr/local/bin/bundle install",
    "gem install nio4r",
    "/usr/local/bin/gem install -N nokogiri",
    "uv sync --frozen",
  ])("sees %s", (step) => {
    expect(buildBase(step)).toBe("build-base linux-headers");
  });

  it("not for commands that build nothing", () => {
    for (const step of ["pip --version", "/opt/venv/bin/pip list", "poetry --version"]) {
      expect(buildBase(step)).toBe("build-base");
    }
  });
});
