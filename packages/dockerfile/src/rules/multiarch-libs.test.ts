import { describe, expect, it } from "vitest";
import { migrate } from "../../test/helpers.js";

const RUBY = "FROM ruby:3.3-slim\n";
const JEMALLOC = "RUN apt-get update && apt-get install -y libjemalloc2\n";
const layout = (r: ReturnType<typeof migrate>) =>
  r.warnings.filter((w) => /multiarch library directory/.test(w.message));

// Debian's libjemalloc2 has /usr/lib/<triplet>/libjemalloc.so.2, Alpine's jemalloc
// /usr/lib/libjemalloc.so.2; musl's loader skips an LD_PRELOAD entry it cannot open silently.
describe("apt: a library's path in Debian's multiarch directory", () => {
  it("points the tester's ENV LD_PRELOAD at Alpine's jemalloc, with no layout warning", () => {
    const r = migrate(
      `${RUBY}${JEMALLOC}ENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n`,
    );
    expect(r.output).toContain(
      "RUN apk add --no-cache jemalloc tzdata\nENV LD_PRELOAD=/usr/lib/libjemalloc.so.2\n",
    );
    expect(layout(r)).toEqual([]);
    const quoted = migrate(
      `${RUBY}${JEMALLOC}ENV RAILS_ENV="production" LD_PRELOAD="/usr/lib/aarch64-linux-gnu/libjemalloc.so.2"\n`,
    );
    expect(quoted.output).toContain('LD_PRELOAD="/usr/lib/libjemalloc.so.2"\n');
  });

  it("rewrites RUN uses, the architecture computed too (Rails' ln -s, export, a prefix)", () => {
    const r = migrate(
      `${RUBY}RUN apt-get update && apt-get install -y libjemalloc2 && ln -s /usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2 /usr/local/lib/libjemalloc.so\nRUN export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 && ruby -v\nRUN LD_PRELOAD=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/libjemalloc.so.2 ruby -v && LD_PRELOAD=/usr/lib/\`uname -m\`-linux-gnu/libjemalloc.so.2 ruby -v\n`,
    );
    expect(r.output).toContain(
      "RUN apk add --no-cache jemalloc tzdata && ln -s /usr/lib/libjemalloc.so.2 /usr/local/lib/libjemalloc.so\n",
    );
    expect(r.output).toContain("RUN export LD_PRELOAD=/usr/lib/libjemalloc.so.2 && ruby -v\n");
    expect(r.output).toContain(
      "RUN LD_PRELOAD=/usr/lib/libjemalloc.so.2 ruby -v && LD_PRELOAD=/usr/lib/libjemalloc.so.2 ruby -v\n",
    );
    expect(layout(r)).toEqual([]);
  });

  it("follows the packages of the stage built on, and mimalloc2's library", () => {
    const r = migrate(
      `${RUBY.replace("\n", " AS base\n")}${JEMALLOC}FROM base\nENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n`,
    );
    expect(r.output).toContain("FROM base\nENV LD_PRELOAD=/usr/lib/libjemalloc.so.2\n");
    const mi = migrate(
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y libmimalloc2.0\nENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libmimalloc.so.2\n",
    );
    expect(mi.output).toContain("ENV LD_PRELOAD=/usr/lib/libmimalloc.so.2\n");
  });

  it("keeps the path and the warning where no installed package is known to provide it", () => {
    const none = migrate(`${RUBY}ENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n`);
    expect(none.output).toContain("ENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n");
    expect(layout(none).map((w) => w.line)).toEqual([2]);
    // One library rewritten, another the stage has no known package for: the note stays.
    const mixed = migrate(
      `${RUBY}${JEMALLOC}ENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2:/usr/lib/x86_64-linux-gnu/libfoo.so.1\n`,
    );
    expect(mixed.output).toContain(
      "ENV LD_PRELOAD=/usr/lib/libjemalloc.so.2:/usr/lib/x86_64-linux-gnu/libfoo.so.1\n",
    );
    expect(layout(mixed).map((w) => w.line)).toEqual([3]);
    // Not a path in the directory, or another root.
    const other = migrate(
      `${RUBY}${JEMALLOC}ENV A=/opt/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 B=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2.bak\n`,
    );
    expect(other.output).toContain(
      "ENV A=/opt/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 B=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2.bak\n",
    );
  });
});
