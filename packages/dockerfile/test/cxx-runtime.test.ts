import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const lines = (...l: string[]) => [...l, ""].join("\n");

const BUILDER = [
  "FROM debian:bookworm AS b",
  "RUN apt-get update && apt-get install -y g++ make",
  "COPY main.cpp /src/main.cpp",
  "RUN g++ -O2 -o /app /src/main.cpp",
  "",
];

describe("libstdc++ for C++ programs copied into an Alpine stage", () => {
  it("adds it to the final stage's lasting apk add, with a warning and a record", () => {
    const r = migrate(
      lines(
        ...BUILDER,
        "FROM debian:bookworm-slim",
        "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*",
        "COPY --from=b /app /usr/local/bin/app",
        'CMD ["app"]',
      ),
    );
    expect(r.output).toContain("RUN apk add --no-cache ca-certificates libstdc++\n");
    const w = r.warnings.find((x) => /libstdc\+\+\.so\.6/.test(x.message));
    expect(w?.rule).toBe("musl");
    expect(w?.line).toBe(8);
    expect(w?.message).toContain("it runs g++");
    const rec = r.packages.find((p) => p.alpine.includes("libstdc++"));
    expect(rec).toMatchObject({ debian: "libstdc++6", layer: "migrate-rule", line: 8 });
    // Only the stage that receives the build: the builder has g++, which depends on it.
    expect(r.output.match(/libstdc\+\+/g)).toHaveLength(1);
  });

  it("writes an apk add after FROM when the stage has none", () => {
    const r = migrate(lines(...BUILDER, "FROM debian:bookworm-slim", "COPY --from=b /app /app"));
    expect(r.output).toContain(
      "FROM alpine:3.23\nRUN apk add --no-cache libstdc++\nCOPY --from=b /app /app\n",
    );
  });

  it("counts make, cmake or meson run with a C++ compiler installed", () => {
    for (const install of ["build-essential cmake", "clang cmake", "g++-12 cmake"]) {
      const r = migrate(
        lines(
          "FROM debian:bookworm AS build",
          `RUN apt-get update && apt-get install -y ${install}`,
          "COPY . /src",
          "RUN cmake -S /src -B /out && cmake --build /out",
          "FROM debian:bookworm-slim",
          "COPY --from=build /out/server /usr/local/bin/",
        ),
      );
      expect(r.output, install).toContain("RUN apk add --no-cache libstdc++\n");
    }
  });

  it("follows a scratch export stage and parent stages", () => {
    const r = migrate(
      lines(
        "FROM debian:bookworm AS tools",
        "RUN apt-get update && apt-get install -y build-essential",
        "FROM tools AS b",
        "RUN make -C /src",
        "FROM scratch AS export",
        "COPY --from=b /src/app /app",
        "FROM debian:bookworm-slim",
        "COPY --from=export /app /usr/local/bin/app",
      ),
    );
    expect(r.output).toContain(
      "FROM alpine:3.23\nRUN apk add --no-cache libstdc++\nCOPY --from=export",
    );
  });

  it("adds nothing for static links, data copies, C builds or a stage keeping g++", () => {
    const cases = [
      // Linked statically.
      lines(
        "FROM debian:bookworm AS b",
        "RUN apt-get update && apt-get install -y g++",
        "RUN g++ -static -o /app main.cpp",
        "FROM debian:bookworm-slim",
        "COPY --from=b /app /app",
      ),
      lines(
        "FROM debian:bookworm AS b",
        "RUN apt-get update && apt-get install -y g++ cmake",
        'RUN cmake -DCMAKE_EXE_LINKER_FLAGS="-static-libstdc++ -static-libgcc" . && make',
        "FROM debian:bookworm-slim",
        "COPY --from=b /app /app",
      ),
      // Only configuration, headers and pages.
      lines(
        ...BUILDER,
        "FROM debian:bookworm-slim",
        "COPY --from=b /etc/app.conf /etc/app.conf",
        "COPY --from=b /usr/local/include/ /usr/local/include/",
        "COPY --from=b /src/docs /usr/share/nginx/html",
      ),
      // make with gcc alone compiles C.
      lines(
        "FROM debian:bookworm AS b",
        "RUN apt-get update && apt-get install -y gcc make libc6-dev",
        "RUN make -C /src",
        "FROM debian:bookworm-slim",
        "COPY --from=b /src/app /app",
      ),
      // The stage keeps g++ itself.
      lines(
        ...BUILDER,
        "FROM debian:bookworm-slim",
        "RUN apt-get update && apt-get install -y g++",
        "COPY --from=b /app /app",
      ),
      // An image named directly: what it holds is not known here.
      lines("FROM debian:bookworm-slim", "COPY --from=example/cxx-tool:1 /usr/bin/tool /tool"),
    ];
    for (const text of cases) {
      const r = migrate(text);
      expect(
        r.packages.filter((p) => p.alpine.includes("libstdc++")),
        text,
      ).toEqual([]);
      expect(
        r.warnings.filter((w) => /libstdc/.test(w.message)),
        text,
      ).toEqual([]);
    }
  });

  it("reads a long chain of stages copying from each other once, without deep recursion", () => {
    const n = 4000;
    const chain = Array.from({ length: n }, (_, k) => [
      `FROM scratch AS s${k + 1}`,
      `COPY --from=s${k} /app /app`,
    ]).flat();
    const text = lines(
      "FROM debian:bookworm AS s0",
      "RUN apt-get update && apt-get install -y g++ && g++ -o /app main.cpp",
      ...chain,
      "FROM debian:bookworm-slim",
      `COPY --from=s${n} /app /app`,
    );
    const r = migrate(text);
    expect(r.output).toContain(`RUN apk add --no-cache libstdc++\nCOPY --from=s${n} /app /app`);
    expect(r.warnings.find((w) => /libstdc/.test(w.message))?.message).toContain(
      `its line ${2 * n + 2} copies a C++ build from stage s${n - 1}`,
    );
  });
});
