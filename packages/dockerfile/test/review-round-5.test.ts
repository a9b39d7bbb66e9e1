// Findings of the fifth fresh review: warnings that were noisy or named the wrong thing.
import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const messages = (text: string) => migrate(text).warnings.map((w) => w.message);

describe("fifth review: accurate, quiet warnings", () => {
  it("counts a venv put on PATH by a parent stage (no PEP 668 note)", () => {
    const text = [
      "FROM debian:12 AS base",
      "RUN apt-get update && apt-get install -y python3 python3-venv && python3 -m venv /opt/venv",
      "ENV PATH=/opt/venv/bin:$PATH",
      "FROM base",
      "RUN pip install flask",
      "",
    ].join("\n");
    expect(messages(text).some((m) => /PEP 668/.test(m))).toBe(false);
  });

  it("keeps the password useradd -p gave (chpasswd -e), and names usermod/gpasswd in GID notes", () => {
    const p = migrate("FROM debian:12\nRUN useradd -p '$6$x' app\n");
    expect(p.output).toContain("adduser -D -H app && printf '%s:%s\\n' app '$6$x' | chpasswd -e");
    expect(p.warnings.some((w) => /useradd -p/.test(w.message))).toBe(false);
    const mod = messages("FROM debian:12\nRUN usermod -aG 27,dialout,44 dev\n");
    expect(
      mod.some((m) =>
        m.startsWith("usermod -G 44: busybox addgroup USER GROUP takes a group name"),
      ),
    ).toBe(true);
    expect(mod.some((m) => /useradd -g/.test(m))).toBe(false);
  });

  it("does not flag web assets or Go's static toolchain copied from glibc images", () => {
    const text = [
      "FROM myorg/builder:1 AS web",
      "FROM debian:12",
      "COPY --from=golang:1.22 /usr/local/go /usr/local/go",
      "COPY --from=web /out/static/ /srv/static/",
      "COPY --from=web /out/bin/app /usr/local/bin/app",
      "",
    ].join("\n");
    const glibc = messages(text).filter((m) => /stays on glibc/.test(m));
    expect(glibc).toHaveLength(1);
    // The program keeps the stage on Debian; the static files are not counted.
    expect(glibc[0]).toMatch(/^debian:12 stays: this stage copies \/out\/bin\/app from stage web/);
    // .NET's runtime under /usr/share is not data.
    const dotnet = messages(
      "FROM debian:12\nCOPY --from=mcr.microsoft.com/dotnet/sdk:8.0 /usr/share/dotnet /usr/share/dotnet\n",
    );
    expect(dotnet.some((m) => /^\/usr\/share\/dotnet comes from image/.test(m))).toBe(true);
  });

  it("warns when a user or group an installed Alpine package creates is created again", () => {
    const m = messages(
      "FROM debian:12\nRUN apt-get update && apt-get install -y nginx\nRUN groupadd -r nginx && useradd -r -g nginx nginx\n",
    );
    expect(m).toEqual([
      expect.stringMatching(/^group nginx is created by Alpine's nginx package/),
      expect.stringMatching(/^user nginx is created by Alpine's nginx package/),
    ]);
    expect(messages("FROM debian:12\nRUN groupadd -r nginx\n")).toEqual([]);
  });

  it("flags uses of Ubuntu's own user ubuntu on an ubuntu image", () => {
    const m = messages("FROM ubuntu:24.04\nRUN chown ubuntu:ubuntu /srv\nUSER ubuntu\n");
    expect(m).toEqual([
      expect.stringMatching(/^Ubuntu's image \(23\.04 on\) has the user ubuntu \(UID 1000/),
    ]);
    expect(messages("FROM debian:12\nRUN chown ubuntu /srv\n")).toEqual([]);
  });

  it("follows a gosu call that comes before its apt install (one run is enough)", () => {
    expect(migrate("FROM debian:12\nRUN gosu nobody true; apt-get install -y gosu\n").output).toBe(
      "FROM alpine:3.23\nRUN su-exec nobody true; apk add --no-cache su-exec\n",
    );
  });

  it("installs bash before a RUN that points /bin/sh at it, even with a bash SHELL later", () => {
    const r = migrate(
      'FROM ubuntu:22.04\nRUN ln -sf /bin/bash /bin/sh\nRUN apt-get update && apt-get install -y python3\nSHELL ["/bin/bash", "-c"]\nRUN source /etc/profile\n',
    );
    expect(r.output).toMatch(
      /^FROM alpine:3\.23\nRUN apk add --no-cache bash\nRUN ln -sf \/bin\/bash \/bin\/sh\n/,
    );
  });

  it("says Python 2 packages became Python 3 ones, and gives a .deb install one warning", () => {
    const m = messages(
      "FROM node:9-slim\nRUN apt-get update && apt-get install -y python python-pip make\n",
    );
    expect(m).toEqual([expect.stringMatching(/^python is Python 2 .*only Python 3 \(python3\)/)]);
    const deb = messages("FROM debian:12\nRUN apt-get install -y ./local.deb\n");
    expect(deb).toHaveLength(1);
    expect(deb[0]).toMatch(/^apt-get install of a \.deb file/);
  });

  it("says where musl reads the time zone when dpkg-reconfigure tzdata goes", () => {
    const m = messages(
      'FROM debian:12\nRUN apt-get update && apt-get install -y tzdata && echo "Europe/Berlin" > /etc/timezone && dpkg-reconfigure -f noninteractive tzdata\n',
    );
    // A literal zone: the call becomes the link itself (zoneinfo-reconfigure.test.ts).
    expect(m.some((w) => /musl reads only \/etc\/localtime/.test(w))).toBe(true);
  });

  it("gives the long locale note once per line", () => {
    const m = messages(
      "FROM debian:12\nRUN sed -i 's/# en_US/en_US/' /etc/locale.gen && locale-gen\nRUN echo x | tee -a /etc/locale.gen\n",
    );
    expect(m.filter((w) => /does not collate/.test(w))).toHaveLength(2);
    expect(m).toContain("locale-gen removed too (see the note above)");
    expect(m).toHaveLength(3);
  });

  it("points at every use of the Debian postgres UID", () => {
    const m = messages("FROM postgres:16\nRUN chown 999 /x\nUSER 999:999\n");
    expect(m.filter((w) => /UID 999 in the Debian image and 70/.test(w))).toHaveLength(2);
  });

  it("removes what an install added next to a package when that package is purged", () => {
    const r = migrate(
      "FROM debian:12\nRUN apt-get update && apt-get install -y build-essential git curl\nRUN make && apt-get purge -y build-essential git\n",
    );
    expect(r.output).toContain("RUN make && apk del build-base linux-headers git\n");
  });
});
