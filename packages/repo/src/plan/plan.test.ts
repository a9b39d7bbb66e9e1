import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { MAX_SHELL_NESTING, SHELL_TOO_DEEP } from "@alpinize/entrypoint";
import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { renderReport } from "../report/markdown.js";
import { applyPlan } from "./apply.js";
import { INTERNAL_FAILURE, planRepository } from "./plan.js";

const API_DOCKERFILE = `FROM golang:1.25-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev gcc \\
    && rm -rf /var/lib/apt/lists/*
RUN CGO_ENABLED=1 go build -o /out/api ./cmd/api

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libsqlite3-0 \\
    && rm -rf /var/lib/apt/lists/*
RUN groupadd -g 999 app && useradd -u 999 -g app -s /usr/sbin/nologin -M app
COPY --from=build /out/api /usr/local/bin/api
COPY entrypoint.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
`;

const ENTRYPOINT = `#!/bin/sh
set -e
if [ -S /var/run/docker.sock ]; then
  SOCK_GID=$(stat -c '%g' /var/run/docker.sock)
  groupadd -g "$SOCK_GID" docker 2>/dev/null || true
  usermod -aG docker app 2>/dev/null || true
fi
exec gosu app /usr/local/bin/api "$@"
`;

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("planRepository + renderReport", () => {
  it("plans a Go service repository and reports stages, packages, mentions, risks and refusals", async () => {
    repo = await scratchRepo(
      {
        ".gitignore": "dist/\n",
        "services/api/Dockerfile": API_DOCKERFILE,
        "services/api/entrypoint.sh": ENTRYPOINT,
        "dist/Dockerfile": "FROM debian:bookworm\n",
        "broken/Dockerfile": "# escape=x\nFROM debian:bookworm\n",
        "docker-compose.yml": "services:\n  db-tools:\n    image: debian:bookworm-slim\n",
        ".github/workflows/ci.yml":
          "jobs:\n  t:\n    steps:\n      - run: docker pull golang:1.25-bookworm\n",
      },
      { git: true },
    );
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    expect(plan.files.map((f) => [f.file, f.kind, f.role ?? "", f.changed])).toEqual([
      ["services/api/Dockerfile", "dockerfile", "", true],
      ["services/api/entrypoint.sh", "script", "entrypoint", true],
    ]);
    expect(plan.unparsable).toMatchObject([
      { file: "broken/Dockerfile", message: expect.stringMatching(/escape/) },
    ]);
    expect(plan.ignored).toContain("dist/");
    expect(plan.mentions.map((m) => `${m.file}:${m.line} ${m.image} -> ${m.replacement}`)).toEqual([
      "docker-compose.yml:3 debian:bookworm-slim -> alpine:3.23",
      ".github/workflows/ci.yml:4 golang:1.25-bookworm -> golang:1.25-alpine",
    ]);
    expect(plan.risks.map((r) => r.id)).toEqual(
      expect.arrayContaining(["musl-dns", "cgo-sqlite", "docker-socket-gid", "privilege-drop"]),
    );
    // groupadd -g 999 app became delgroup ping && addgroup -g 999 app: no ID is left at risk.
    expect(plan.risks.map((r) => r.id)).not.toContain("id-collision");

    const report = renderReport(plan, { name: "api" });
    expect(report).toMatch(/^# Migration to Alpine 3\.23: api/);
    expect(report).toContain("| build | 1 | `golang:1.25-bookworm` | `golang:1.25-alpine` |");
    expect(report).toContain("| 1 (final) | 6 | `debian:bookworm-slim` | `alpine:3.23` |");
    expect(report).toMatch(
      /\| 2 \| apt \| `libsqlite3-dev` \| `sqlite-dev` \| renamed \| [^|]+ \|/,
    );
    expect(report).toMatch(/\| 7 \| apt \| `libsqlite3-0` \| `sqlite-libs` \|/);
    // Freed by migrate: a warning, not a risk left.
    expect(report).not.toMatch(/GID 999 is ping's on Alpine/);
    expect(report).toMatch(
      /`services\/api\/Dockerfile:9` \(users\) Alpine's base group ping holds GID 999/,
    );
    expect(report).toContain("`services/api/entrypoint.sh:5`");
    expect(report).toContain("`docker-compose.yml:3` | `debian:bookworm-slim` | `alpine:3.23`");
    expect(report).toMatch(/## Files left untouched[\s\S]*`broken\/Dockerfile`/);
    expect(report).toMatch(
      /- \[ \] Zero HIGH\/CRITICAL findings: `trivy image[^`]*alpinize gate trivy\.json`/,
    );
    expect(report).toMatch(/- \[ \] With the host's docker socket mounted/);
    expect(report).not.toContain("dist/Dockerfile");

    const written = await applyPlan(plan);
    expect(written).toEqual(["services/api/Dockerfile", "services/api/entrypoint.sh"]);
    expect(await readFile(join(repo.root, "broken/Dockerfile"), "utf8")).toBe(
      "# escape=x\nFROM debian:bookworm\n",
    );
    expect(await readFile(join(repo.root, "dist/Dockerfile"), "utf8")).toBe(
      "FROM debian:bookworm\n",
    );
    const migrated = await readFile(join(repo.root, "services/api/Dockerfile"), "utf8");
    expect(migrated).toMatch(/FROM golang:1\.25-alpine AS build/);
    expect(migrated).toMatch(/apk add --no-cache/);
  });

  it("reports no risks for a plain Node repository, and says so", async () => {
    repo = await scratchRepo({
      Dockerfile:
        'FROM node:24-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD ["node", "server.js"]\n',
    });
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    const report = renderReport(plan);
    expect(report).toContain(
      "| 0 (final) | 1 | `node:24-slim` | `node:24-alpine` | the image publishes an Alpine variant of the same version |",
    );
    expect(report).toContain("None detected from the repository's contents.");
  });

  it("leaves stages whose image images.ignore names exactly as they were", async () => {
    repo = await scratchRepo({
      Dockerfile:
        "FROM golang:1.25-bookworm AS build\nRUN go build -o /app .\nFROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nCOPY --from=build /app /app\n",
    });
    const config = defaultConfig();
    config.images.ignore = ["debian"];
    const plan = await planRepository(repo.root, {
      config,
      transforms: defaultTransforms(),
      release: "3.23",
    });
    const [file] = plan.files;
    expect(file?.after).toContain("FROM golang:1.25-alpine AS build");
    expect(file?.after).toContain(
      "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n",
    );
    expect(file?.keptImages).toEqual(["debian:bookworm-slim"]);
    expect(renderReport(plan)).toContain(
      "Kept as configured in images.ignore: `debian:bookworm-slim`.",
    );
  });

  it("reports an empty repository plainly, on the default release", async () => {
    repo = await scratchRepo({ "README.md": "# nothing to migrate\n" });
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
    });
    expect(plan.release).toMatch(/^3\.\d+$/);
    expect(renderReport(plan)).toContain("No Dockerfiles found.");
  });

  it("rejects an unknown release before touching anything", async () => {
    repo = await scratchRepo({ Dockerfile: "FROM debian:12\n" });
    await expect(
      planRepository(repo.root, {
        config: defaultConfig(),
        transforms: defaultTransforms(),
        release: "3.99",
      }),
    ).rejects.toMatchObject({ exitCode: 2 });
  });

  it("names a Dockerfile whose RUN nests too deep to read, and plans the others", async () => {
    const deep = `x=${'"$(echo '.repeat(MAX_SHELL_NESTING + 1)}x${')"'.repeat(MAX_SHELL_NESTING + 1)}`;
    repo = await scratchRepo({
      "a/Dockerfile": "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
      "b/Dockerfile": `FROM debian:12\nRUN ${deep}\n`,
    });
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    expect(plan.files.map((f) => f.file)).toEqual(["a/Dockerfile"]);
    expect(plan.unparsable).toEqual([
      {
        file: "b/Dockerfile",
        code: SHELL_TOO_DEEP,
        message: expect.stringMatching(/^b\/Dockerfile: nesting .* \(line 2\); alpinize does not/),
        hint: expect.stringMatching(/^Nothing was rewritten or checked\. Set the inner values/),
      },
    ]);
  });

  it("keeps going past a file whose conversion hits a bug, and names it", async () => {
    repo = await scratchRepo({
      "a/Dockerfile": "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
      "b/Dockerfile": "FROM debian:12\n# trips the fake bug\n",
    });
    const real = defaultTransforms();
    // A fake: no real input is known to make the transform fail this way on demand.
    const fakeBuggyTransforms = {
      ...real,
      migrateDockerfile: (text: string, opts: Parameters<typeof real.migrateDockerfile>[1]) => {
        if (text.includes("fake bug")) throw new TypeError("x is undefined");
        return real.migrateDockerfile(text, opts);
      },
    };
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: fakeBuggyTransforms,
      release: "3.23",
    });
    expect(plan.files.map((f) => f.file)).toEqual(["a/Dockerfile"]);
    expect(plan.unparsable).toEqual([
      {
        file: "b/Dockerfile",
        code: INTERNAL_FAILURE,
        message: expect.stringMatching(
          /^b\/Dockerfile: internal error .*bug in alpinize.*x is undefined/,
        ),
      },
    ]);
  });
});
