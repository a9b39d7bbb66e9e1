import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

describe("removing apt's own files is cleanup, not repository setup", () => {
  it("drops an rm of sources lists and keyrings without an apt-repos warning", () => {
    const r = migrate(
      lines(
        "FROM debian:12",
        "RUN rm -rf /etc/apt/sources.list.d/* /etc/apt/sources.list",
        "RUN rm /usr/share/keyrings/vendor.gpg /etc/apt/trusted.gpg.d/vendor.gpg",
        "RUN echo hi && rm -f /etc/apt/sources.list.d/nodesource.list",
      ),
    );
    expect(r.warnings.filter((w) => w.rule === "apt-repos")).toEqual([]);
    expect(r.output).toBe(lines("FROM alpine:3.23", "RUN echo hi"));
  });

  it("keeps the other operands of the rm, and the apt state paths go with it", () => {
    const r = migrate(
      lines(
        "FROM debian:12",
        "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* /etc/apt/sources.list.d/*",
        "RUN rm -rf /tmp/build /etc/apt/sources.list.d/vendor.list /var/lib/apt/lists/*",
      ),
    );
    expect(r.warnings).toEqual([]);
    expect(r.output).toBe(
      lines("FROM alpine:3.23", "RUN apk add --no-cache curl", "RUN rm -rf /tmp/build"),
    );
  });

  it("drops a find that deletes apt's lists (it would fail on Alpine, where the directory is missing)", () => {
    const r = migrate(
      lines(
        "FROM debian:12",
        "RUN find /etc/apt/sources.list.d -name '*.list' -delete && echo done",
        "RUN find /etc/apt/sources.list.d /usr/share/keyrings -type f -exec rm -f {} +",
        "RUN find /etc/apt/sources.list.d -name '*.list' -print",
      ),
    );
    expect(r.output).toBe(
      lines(
        "FROM alpine:3.23",
        "RUN echo done",
        "RUN find /etc/apt/sources.list.d -name '*.list' -print",
      ),
    );
    // Listing the files is no removal: it is still flagged.
    expect(r.warnings.map((w) => `${w.line}: ${w.rule}`)).toEqual(["4: apt-repos"]);
  });

  it("gives the apt.conf.d note when the rm takes the docker-clean hook too", () => {
    const r = migrate(
      lines(
        "FROM debian:12",
        "RUN rm -f /etc/apt/apt.conf.d/docker-clean /etc/apt/sources.list.d/*",
      ),
    );
    expect(r.warnings.map((w) => `${w.rule}: ${w.message}`)).toEqual([
      expect.stringMatching(/^apt: apt configuration step removed/),
    ]);
    expect(r.output).toBe(lines("FROM alpine:3.23"));
  });

  it("still flags a step that writes a list after removing the old ones", () => {
    const r = migrate(
      lines(
        "FROM debian:12",
        'RUN rm -f /etc/apt/sources.list.d/* && echo "deb [signed-by=/usr/share/keyrings/x.gpg] https://apt.example.com stable main" > /etc/apt/sources.list.d/x.list',
      ),
    );
    const repos = r.warnings.filter((w) => w.rule === "apt-repos");
    expect(repos.map((w) => w.message)).toEqual([
      expect.stringMatching(/^third-party apt repository setup/),
    ]);
    expect(repos[0]?.column).toBe(40);
    expect(r.output).not.toContain("rm -f");
  });
});
