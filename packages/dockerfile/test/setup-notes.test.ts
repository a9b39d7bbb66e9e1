import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("packages Alpine sets up differently", () => {
  it("says once that Alpine's mariadb needs mysql_install_db and has networking off", () => {
    const r = migrate(
      [
        "FROM debian:bookworm",
        "RUN apt-get update && apt-get install -y default-mysql-server",
        "RUN apt-get install -y mariadb-server",
        "",
      ].join("\n"),
    );
    const notes = r.warnings.filter((w) => /mysql_install_db/.test(w.message));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.line).toBe(2);
    expect(notes[0]!.message).toMatch(/skip-networking/);
  });

  it("is quiet for the client", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y mariadb-client\n",
    );
    expect(r.warnings.some((w) => /mysql_install_db/.test(w.message))).toBe(false);
  });
});

describe("Debian configuration paths", () => {
  it("points ImageMagick 6's policy to ImageMagick 7's directory", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y imagemagick && sed -i 's/none/read/' /etc/ImageMagick-6/policy.xml\n",
    );
    expect(r.warnings.some((w) => /\/etc\/ImageMagick-7/.test(w.message))).toBe(true);
  });

  it("points /etc/bash.bashrc to Alpine's /etc/bash/bashrc", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y bash && echo 'alias ll=\"ls -l\"' >> /etc/bash.bashrc\n",
    );
    expect(r.warnings.some((w) => /\/etc\/bash\/bashrc/.test(w.message))).toBe(true);
  });
});
