import type { Instruction } from "../parse/types.js";

/**
 * Upstreams commonly compiled on the full buildpack-deps tag, told apart by where their source is
 * fetched from, with the -dev libraries their configure needs or probes for. buildpack-deps
 * shipped all of these (libncurses-dev, libssl-dev, libffi-dev, …); plain Alpine has none.
 * Facts from each project's build requirements and the docker-library Alpine images.
 */
const RECIPES: { name: string; source: RegExp; dev: string[] }[] = [
  {
    name: "Erlang/OTP",
    source: /otp_src_|github\.com\/erlang\/otp\/releases/,
    dev: ["ncurses-dev", "openssl-dev"],
  },
  {
    name: "CPython",
    source: /python\.org\/ftp\/python\/|\/Python-\d[\w.]*\.tar/,
    dev: [
      "bzip2-dev",
      "expat-dev",
      "gdbm-dev",
      "libffi-dev",
      "ncurses-dev",
      "openssl-dev",
      "readline-dev",
      "sqlite-dev",
      "util-linux-dev",
      "xz-dev",
      "zlib-dev",
    ],
  },
  {
    name: "Ruby",
    source: /cache\.ruby-lang\.org\/pub\/ruby\//,
    dev: [
      "gdbm-dev",
      "libffi-dev",
      "ncurses-dev",
      "openssl-dev",
      "readline-dev",
      "yaml-dev",
      "zlib-dev",
    ],
  },
];

/** The known upstreams a stage's RUN lines (and ENV/ARG values) fetch to build. */
export function knownSourceBuilds(family: Instruction[]): { name: string; dev: string[] }[] {
  const text = family
    .filter((i) => i.keyword === "RUN" || i.keyword === "ENV" || i.keyword === "ARG")
    .map((i) => i.args.text)
    .join("\n");
  return RECIPES.filter((r) => r.source.test(text));
}
