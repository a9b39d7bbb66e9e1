import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const glibc = (text: string) =>
  migrate(text)
    .warnings.filter((w) => w.rule === "glibc")
    .map((w) => `${w.line}: ${w.message}`);

describe("glibc: the AWS CLI v2 installer", () => {
  it("flags the installer zip, whatever names the architecture, once per RUN", () => {
    const m = glibc(
      lines(
        "FROM debian:12",
        "RUN apt-get update && apt-get install -y curl unzip",
        'RUN curl -fsSL "https://awscli.amazonaws.com/awscli-exe-linux-$(uname -m).zip" -o /tmp/awscliv2.zip \\',
        "    && unzip -q /tmp/awscliv2.zip -d /tmp && /tmp/aws/install && rm -rf /tmp/aws*",
        "RUN curl -o awscliv2.zip https://awscli.amazonaws.com/awscli-exe-linux-x86_64-2.17.0.zip",
        "ADD https://awscli.amazonaws.com/awscli-exe-linux-aarch64.zip /tmp/aws.zip",
      ),
    );
    expect(m).toEqual([
      expect.stringMatching(
        /^3: awscli-exe-linux-\$\(uname -m\)\.zip is the AWS CLI v2 installer, a glibc build.*apk add aws-cli/,
      ),
      expect.stringMatching(
        /^5: awscli-exe-linux-x86_64-2\.17\.0\.zip is the AWS CLI v2 installer/,
      ),
      expect.stringMatching(/^6: awscli-exe-linux-aarch64\.zip is the AWS CLI v2 installer/),
    ]);
  });

  it("flags ./aws/install on its own (the zip fetched through a variable)", () => {
    const m = glibc(
      lines(
        "FROM ubuntu:24.04",
        'RUN curl -fsSL "$AWS_URL" -o awscliv2.zip && unzip awscliv2.zip && ./aws/install -i /usr/local/aws-cli',
      ),
    );
    expect(m).toEqual([
      expect.stringMatching(/^2: \.\/aws\/install runs the AWS CLI v2 installer/),
    ]);
  });

  it("not the pip package or the musl-built Alpine one", () => {
    expect(glibc(lines("FROM debian:12", "RUN pip install --no-cache-dir awscli"))).toEqual([]);
  });
});
