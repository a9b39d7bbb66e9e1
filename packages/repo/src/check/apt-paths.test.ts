import { describe, expect, it } from "vitest";
import { scanCommands } from "../dockerfile/commands.js";
import { describeStages } from "../dockerfile/stages.js";
import { AptPaths } from "./apt-paths.js";
import { checkStages } from "./dockerfile-rules.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function aptFindings(text: string): string[] {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "apt-in-alpine")
    .map((f) => `${f.line}:${f.severity}:${f.message.split(" in Alpine stage")[0]}`);
}

/** Each command's use of /etc/apt, in order, on a fresh Alpine (no /etc/apt). */
function uses(script: string): string[] {
  const paths = new AptPaths();
  return scanCommands(script).flatMap((cmd) => {
    const u = paths.use(cmd);
    return u ? [`${u.what}: ${u.missing ?? "only sets up apt"}`] : [];
  });
}

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

  it("tells steps that fail from those an earlier mkdir -p or install -d made work", () => {
    expect(uses("mkdir -p /etc/apt/keyrings")).toEqual([
      "mkdir /etc/apt/keyrings: only sets up apt",
    ]);
    expect(uses("mkdir /etc/apt/keyrings")).toEqual(["mkdir /etc/apt/keyrings: /etc/apt"]);
    expect(uses("mkdir /etc/apt && mkdir /etc/apt/keyrings")).toEqual([
      "mkdir /etc/apt: only sets up apt",
      "mkdir /etc/apt/keyrings: only sets up apt",
    ]);
    // Docker's install steps: the keyring folder is made first, sources.list.d never is.
    expect(
      uses(
        [
          "install -m 0755 -d /etc/apt/keyrings",
          "curl -fsSL https://download.example/gpg -o /etc/apt/keyrings/docker.asc",
          "chmod a+r /etc/apt/keyrings/docker.asc",
          'echo "deb [signed-by=/etc/apt/keyrings/docker.asc] https://download.example/ bookworm stable" | tee /etc/apt/sources.list.d/docker.list > /dev/null',
        ].join("\n"),
      ),
    ).toEqual([
      "install /etc/apt/keyrings: only sets up apt",
      "curl on /etc/apt/keyrings/docker.asc: only sets up apt",
      "chmod on /etc/apt/keyrings/docker.asc: only sets up apt",
      "tee on /etc/apt/sources.list.d/docker.list: /etc/apt/sources.list.d",
    ]);
    expect(uses("rm /etc/apt/sources.list")).toEqual([
      "rm on /etc/apt/sources.list: /etc/apt/sources.list",
    ]);
    expect(uses("ln -sf /usr/share/keyrings/k.gpg /etc/apt/trusted.gpg.d/k.gpg")).toEqual([
      "ln on /etc/apt/trusted.gpg.d/k.gpg: /etc/apt/trusted.gpg.d",
    ]);
    expect(uses("install -D -m 644 k.gpg /etc/apt/keyrings/k.gpg")).toEqual([
      "install /etc/apt/keyrings: only sets up apt",
    ]);
    expect(uses("curl -o /tmp/k.gpg https://k.example/key")).toEqual([]);
  });

  it("is a warning where nothing fails, and knows what a parent stage made", () => {
    const text = [
      `FROM alpine:3.23@${DIGEST} AS base`,
      "RUN mkdir -p /etc/apt/apt.conf.d",
      "FROM base",
      "RUN echo 'Acquire::Retries \"3\";' > /etc/apt/apt.conf.d/80retries",
      "RUN echo 'deb http://x/ bookworm main' > /etc/apt/sources.list.d/x.list",
      "",
    ].join("\n");
    expect(aptFindings(text)).toEqual([
      "2:warning:mkdir /etc/apt/apt.conf.d",
      "4:warning:a redirection to /etc/apt/apt.conf.d/80retries",
      "5:error:a redirection to /etc/apt/sources.list.d/x.list",
    ]);
  });
});
