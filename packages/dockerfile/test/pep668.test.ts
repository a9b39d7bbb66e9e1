import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const pep668 = (text: string) =>
  migrate(text).warnings.filter((w) => /externally managed \(PEP 668\)/.test(w.message));

describe("pip into Alpine's system python3 (PEP 668)", () => {
  it("flags pip install into the apk python3", () => {
    const w = pep668(
      "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3-pip && pip3 install requests\n",
    );
    expect(w).toHaveLength(1);
    expect(w[0]?.line).toBe(2);
    expect(
      pep668(
        "FROM debian:12\nRUN apt-get install -y python3 python3-pip\nRUN python3 -m pip install x\n",
      ),
    ).toHaveLength(1);
  });

  it("leaves virtual environments, --break-system-packages and python images alone", () => {
    expect(
      pep668(
        "FROM ubuntu:22.04\nRUN apt-get install -y python3-venv && python3 -m venv /opt/v && /opt/v/bin/pip install x\n",
      ),
    ).toEqual([]);
    expect(
      pep668(
        "FROM debian:12\nRUN apt-get install -y python3-pip && pip install --break-system-packages x\n",
      ),
    ).toEqual([]);
    expect(
      pep668(
        "FROM debian:12\nENV PIP_BREAK_SYSTEM_PACKAGES=1\nRUN apt-get install -y python3-pip && pip install x\n",
      ),
    ).toEqual([]);
    expect(pep668("FROM python:3.12-slim\nRUN pip install flask\n")).toEqual([]);
  });
});

describe("pip into a virtual environment made or activated elsewhere", () => {
  it("leaves venvs on PATH, VIRTUAL_ENV and activate scripts alone", () => {
    const pip = "RUN apt-get install -y python3-pip python3-venv\n";
    expect(
      pep668(`FROM debian:12\n${pip}ENV PATH=/opt/venv/bin:$PATH\nRUN pip install requests\n`),
    ).toEqual([]);
    expect(pep668(`FROM debian:12\n${pip}RUN . /venv/bin/activate && pip install x\n`)).toEqual([]);
    expect(
      pep668(
        `FROM debian:12\n${pip}RUN python3.9 -m venv /opt/venv && /opt/venv/bin/pip install x\n`,
      ),
    ).toEqual([]);
    // An activation (or a venv made) in an earlier RUN does not reach a later RUN's pip.
    expect(
      pep668(`FROM debian:12\n${pip}RUN python3 -m venv /opt/venv\nRUN pip3 install x\n`),
    ).toHaveLength(1);
    expect(
      pep668(
        `FROM debian:12\n${pip}RUN . /opt/v/bin/activate && pip install a\nRUN pip install --user b\n`,
      ),
    ).toHaveLength(1);
  });
});

describe("wheels published for glibc only", () => {
  it("flags pip install torch in a stage on Alpine, and nothing else", () => {
    const w = migrate(
      "FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.3.0 requests\n",
    ).warnings;
    expect(w.find((x) => x.rule === "glibc")?.message).toMatch(
      /^torch publishes wheels for glibc \(manylinux\) only/,
    );
    expect(migrate("FROM python:3.12-slim\nRUN pip install requests\n").warnings).toEqual([]);
  });
});
