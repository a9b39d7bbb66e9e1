import { describe, expect, it } from "vitest";
import { imageFamily } from "./images.js";

describe("imageFamily", () => {
  it("reads the distribution from official defaults, codenames and distro words in tags", () => {
    expect(imageFamily("mysql:8.4")).toBe("other"); // Oracle Linux
    expect(imageFamily("mysql:8.0-debian")).toBe("debian");
    expect(imageFamily("mariadb:11")).toBe("debian");
    expect(imageFamily("hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim")).toBe(
      "debian",
    );
    expect(imageFamily("ocaml/opam:debian-12-ocaml-5.2")).toBe("debian");
    expect(imageFamily("ocaml/opam:ubuntu-24.04-ocaml-5.2")).toBe("ubuntu");
    expect(imageFamily("node:24-alpine")).toBe("alpine");
    expect(imageFamily("myorg/debianish:1")).toBe("other");
  });
});
