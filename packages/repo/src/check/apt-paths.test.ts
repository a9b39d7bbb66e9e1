import { describe, expect, it } from "vitest";
import { scanCommands } from "../dockerfile/commands.js";
import { describeStages } from "../dockerfile/stages.js";
import { aptPathUse } from "./apt-paths.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function aptFindings(text: string): string[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "apt-in-alpine")
    .map((f) => `${f.line}:${f.severity}:${f.message.split(" in Alpine stage")[0]}`);
}

const use = (line: string) =>
  scanCommands(line)
    .map(aptPathUse)
    .find((u) => u !== undefined);

describe("apt-in-alpine: steps that use /etc/apt", () => {
  it("reports sed on a Debian sources file, which Alpine does not have", () => {
    const text = [
      `FROM alpine:3.23@${DIGEST}`,
      "RUN sed -i 's/deb.debian.org/mirror.example/' /etc/apt/sources.list.d/debian.sources",
      "RUN sed -ri -e 's|http:|https:|' /etc/apt/sources.list && echo done",
      "RUN sudo sed -i.bak 's/main/main contrib/' /etc/apt/sources.list",
      "",
    ].join("\n");
    expect(aptFindings(text)).toEqual([
      "2:error:sed on /etc/apt/sources.list.d/debian.sources",
      "3:error:sed on /etc/apt/sources.list",
      "4:error:sed on /etc/apt/sources.list",
    ]);
  });

  it("reports tee, redirections, cp/mv, downloads and gpg output there, on the command's line", () => {
    const text = [
      `FROM alpine:3.23@${DIGEST}`,
      "RUN echo 'deb http://x/ bookworm main' | tee /etc/apt/sources.list.d/x.list",
      "RUN set -eux; \\",
      "    echo 'APT::Install-Recommends \"0\";' >> /etc/apt/apt.conf.d/99norecommends",
      "RUN cp pin.pref /etc/apt/preferences.d/ && mv /etc/apt/trusted.gpg.d/a.gpg /tmp/",
      "RUN curl -fsSLo /etc/apt/keyrings/docker.asc https://download.example/gpg",
      "RUN wget -qO- https://k.example/key | gpg --dearmor -o /etc/apt/keyrings/k.gpg",
      "RUN <<EOF",
      "cat > /etc/apt/sources.list.d/y.sources <<SRC",
      "Types: deb",
      "SRC",
      "EOF",
      "RUN sh -c 'echo Acquire::Retries 3 > /etc/apt/apt.conf.d/80retries'",
      "",
    ].join("\n");
    expect(aptFindings(text)).toEqual([
      "2:error:tee on /etc/apt/sources.list.d/x.list",
      "4:error:a redirection to /etc/apt/apt.conf.d/99norecommends",
      "5:error:cp on /etc/apt/preferences.d/",
      "5:error:mv on /etc/apt/trusted.gpg.d/a.gpg",
      "6:error:curl on /etc/apt/keyrings/docker.asc",
      "7:error:gpg on /etc/apt/keyrings/k.gpg",
      "9:error:a redirection to /etc/apt/sources.list.d/y.sources",
      "13:error:a redirection to /etc/apt/apt.conf.d/80retries",
    ]);
  });

  it("leaves echoed text, comments, rm -f, other files and Debian stages alone", () => {
    const alpine = [
      `FROM alpine:3.23@${DIGEST}`,
      "RUN echo \"sed -i 's/a/b/' /etc/apt/sources.list\" > /tmp/note.txt",
      "RUN true # sed -i s/a/b/ /etc/apt/sources.list",
      "RUN rm -rf /etc/apt/sources.list.d /var/lib/apt/lists/*",
      "RUN sed -i 's,/etc/apt/,/etc/apk/,' /app/setup.sh && sed '/etc/apt/d' a.txt > b.txt",
      "RUN ln -s /etc/apt/none /tmp/link",
      "",
    ].join("\n");
    expect(aptFindings(alpine)).toEqual([]);
    const debian =
      "FROM debian:12\nRUN sed -i 's/deb.debian.org/m.example/' /etc/apt/sources.list.d/debian.sources\n";
    expect(aptFindings(debian)).toEqual([]);
  });

  it("tells folder-making steps, which do not fail, from those that do", () => {
    expect(use("mkdir -p /etc/apt/keyrings")).toEqual({
      what: "mkdir /etc/apt/keyrings",
      fails: false,
    });
    expect(use("install -m 0755 -d /etc/apt/keyrings")?.fails).toBe(false);
    expect(use("mkdir /etc/apt/keyrings")?.fails).toBe(true);
    expect(use("rm /etc/apt/sources.list")).toEqual({
      what: "rm on /etc/apt/sources.list",
      fails: true,
    });
    expect(use("ln -sf /usr/share/keyrings/k.gpg /etc/apt/trusted.gpg.d/k.gpg")?.fails).toBe(true);
    expect(use("curl -o /tmp/k.gpg https://k.example/key")).toBeUndefined();
  });
});
