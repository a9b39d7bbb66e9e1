// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell text holds ${VAR} on purpose

import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const DEBCONF =
  'RUN echo "dash dash/sh boolean false" | debconf-set-selections && DEBIAN_FRONTEND=noninteractive dpkg-reconfigure dash';

describe("debconf's dash/sh answer, the Debian way to make /bin/sh bash", () => {
  it("becomes ln -sf /bin/bash /bin/sh with bash, where the release asks it; later RUNs are bash's", () => {
    const r = migrate(lines("FROM debian:bullseye-slim", DEBCONF, 'RUN echo "a\\tb" > /f'));
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.23",
        "RUN apk add --no-cache bash",
        "RUN ln -sf /bin/bash /bin/sh",
        // Under bash, echo prints the escape as written, as on Debian: left alone.
        'RUN echo "a\\tb" > /f',
      ),
    );
    const notes = r.warnings.filter((w) => w.rule === "shell").map((w) => w.message);
    expect(notes[0]).toMatch(/made \/bin\/sh bash on Debian: on Alpine that is ln -sf/);
    expect(r.warnings.some((w) => /debconf-set-selections removed/.test(w.message))).toBe(false);
  });

  it("reads the answer in other spellings (printf, -f noninteractive, ;)", () => {
    const r = migrate(
      lines(
        "FROM ubuntu:22.04",
        "RUN printf 'dash\\tdash/sh\\tboolean\\tfalse\\n' | debconf-set-selections -v; dpkg-reconfigure -f noninteractive dash",
      ),
    );
    expect(r.output).toContain("RUN ln -sf /bin/bash /bin/sh\n");
    expect(r.output).toContain("bash");
  });

  it("on Debian 12 (no dash/sh question any more) removes the no-op and keeps dash's echo", () => {
    const r = migrate(lines("FROM debian:bookworm-slim", DEBCONF, 'RUN echo "a\\tb" > /f'));
    expect(r.output).toBe(lines("FROM alpine:3.23", 'RUN echo -e "a\\tb" > /f'));
    expect(r.warnings.find((w) => w.rule === "shell")?.message).toMatch(
      /did nothing on Debian 12 .*\/bin\/sh stayed dash/,
    );
  });

  it("on Debian 12 with bash syntax after it gives bash, as was meant (dash failed there)", () => {
    const r = migrate(
      lines(
        "FROM debian:bookworm-slim",
        DEBCONF,
        "RUN source /etc/os-release && echo ${VERSION_CODENAME^^} && mkdir -p /opt/{a,b}",
      ),
    );
    expect(r.output).toContain("RUN ln -sf /bin/bash /bin/sh\n");
    expect(r.output).toContain("RUN apk add --no-cache bash\n");
    expect(r.warnings.find((w) => w.rule === "shell")?.message).toMatch(
      /on Debian 12 they did nothing.*line 3 failed under dash there/,
    );
  });

  it("takes a release it cannot tell for one that asks (the way is meant for bash)", () => {
    const r = migrate(lines("FROM node:20", DEBCONF));
    expect(r.output).toContain("RUN ln -sf /bin/bash /bin/sh\n");
  });

  it("leaves other answers and a lone reconfigure to the debconf note", () => {
    const r = migrate(
      lines(
        "FROM debian:bullseye",
        'RUN echo "dash dash/sh boolean true" | debconf-set-selections && dpkg-reconfigure dash',
      ),
    );
    expect(r.output).toBe(lines("FROM alpine:3.23"));
    expect(r.warnings.filter((w) => /removed \(each call/.test(w.message))).toHaveLength(2);
  });
});
