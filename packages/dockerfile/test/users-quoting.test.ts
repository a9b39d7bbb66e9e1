import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

describe("users: values written with expansions stay as written, literal ones are quoted", () => {
  it("quotes a literal '$NAME' even after another call wrote $NAME unquoted", () => {
    const r = migrate(
      "FROM debian:bookworm\nRUN useradd -m -c $NAME a\nRUN useradd -m -c '$NAME' b\n",
    );
    expect(r.output).toContain("RUN adduser -D -g $NAME a\nRUN adduser -D -g '$NAME' b\n");
  });

  it("does not carry an expansion from one Dockerfile over to the next", () => {
    migrate("FROM debian:bookworm\nRUN useradd -p $HASH a\n");
    const r = migrate("FROM debian:bookworm\nRUN useradd -p '$HASH' b\n");
    expect(r.output).toContain("printf '%s:%s\\n' b '$HASH' | chpasswd -e\n");
  });
});
