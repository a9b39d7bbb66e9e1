import { afterEach, describe, expect, it } from "vitest";
import { type ScratchRepo, scratchRepo } from "../../test/scratch-repo.js";
import { checkTargets } from "../check/run.js";
import { defaultConfig } from "../config/types.js";
import { defaultTransforms } from "../default-transforms.js";
import { planRepository } from "../plan/plan.js";

/** What a file holds: a shell script or not, by its first line or its bytes. */
const SH = '#!/bin/sh\nuseradd -u 1000 app\nexec gosu app "$@"\n';
const ENV_BASH = "#!/usr/bin/env bash\nuseradd -u 1000 app\n";
const BUSYBOX_SH = "#!/bin/busybox sh\nuseradd -u 1000 app\n";
/** `#!` lines that start an init wrapper (or env -S) with a shell: a shell script. */
const WRAPPED_SH = [
  "#!/usr/bin/dumb-init /bin/sh",
  "#!/usr/bin/dumb-init /bin/bash",
  "#!/sbin/tini -s /bin/sh",
  "#!/sbin/tini-static -- /bin/sh",
  "#!/usr/bin/catatonit -- /bin/sh",
  "#!/command/with-contenv bash",
  "#!/usr/bin/env -S sh -e",
].map((line) => `${line}\nset -e\nexec gosu app "$@"\n`);
/** Init wrappers starting something else, or a shell's name as an option's value: not. */
const WRAPPED_OTHER = [
  "#!/usr/bin/dumb-init /usr/bin/python3",
  "#!/sbin/tini -p sh /usr/bin/node",
  "#!/usr/bin/python3 /bin/sh",
].map((line) => `${line}\nprint("hi")\n`);
const NO_BANG = "useradd -u 1000 app\n";
const PYTHON = "#!/usr/bin/env python3\nimport sys\nprint(sys.argv)\n";
const PYTHON_NO_BANG = 'import os\n\ndef main():\n    print(f"hi {os.getpid()}")\n';
const NODE = "const x = (a) => a * 2;\nconsole.log(x(2));\n";
const PERL = 'use strict;\nmy @a = (1,2);\nprint "$a[0]\\n";\n';
const MAKEFILE =
  "run:\n\tgroupadd -g 1000 app || true\n\tuseradd -u 1000 -g 1000 app || true\n\tgosu app ./server\n";
const NGINX = "events { worker_connections 1024; }\nhttp { server { listen 8080; } }\n";
const SUPERVISORD =
  "[supervisord]\nnodaemon=true\n\n[program:celery]\ncommand=celery -A proj worker\n";
const JAR = `PK\u0003\u0004\u0000\u0000META-INF/MANIFEST.MF\u0000Main-Class: A\n`;

interface Row {
  /** ENTRYPOINT/CMD lines; the file is copied to /app/<name>. */
  runs: string;
  name: string;
  content: string;
  script: boolean;
}

const ROWS: Row[] = [
  // Run by its path: the #! line decides.
  { runs: 'ENTRYPOINT ["/app/entry"]', name: "entry", content: SH, script: true },
  { runs: 'ENTRYPOINT ["/app/entry"]', name: "entry", content: ENV_BASH, script: true },
  { runs: 'ENTRYPOINT ["/app/entry"]', name: "entry", content: BUSYBOX_SH, script: true },
  ...WRAPPED_SH.map((content) => ({
    runs: 'ENTRYPOINT ["/app/entry"]',
    name: "entry",
    content,
    script: true,
  })),
  ...WRAPPED_OTHER.map((content) => ({
    runs: 'ENTRYPOINT ["/app/entry"]',
    name: "entry",
    content,
    script: false,
  })),
  { runs: 'CMD ["/app/run.py"]', name: "run.py", content: PYTHON, script: false },
  { runs: 'CMD ["/app/run.sh"]', name: "run.sh", content: PYTHON, script: false },
  { runs: 'CMD ["/app/app.jar"]', name: "app.jar", content: JAR, script: false },
  { runs: "CMD /app/entry", name: "entry", content: NO_BANG, script: true },
  { runs: 'ENTRYPOINT ["tini", "--", "/app/entry"]', name: "entry", content: SH, script: true },
  {
    runs: 'ENTRYPOINT ["tini", "--", "/app/run.py"]',
    name: "run.py",
    content: PYTHON,
    script: false,
  },
  {
    runs: 'ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["/app/entry"]',
    name: "entry",
    content: SH,
    script: true,
  },
  // Behind a wrapper: each wrapper's own options, so neither a flag swallows the script nor an
  // option's value is read as the program; an option the table lacks is read both ways.
  ...[
    '["tini", "-g", "/app/entry"]',
    '["tini", "-s", "/app/entry"]',
    '["tini", "-sg", "/app/entry"]',
    '["tini", "-e", "143", "/app/entry"]',
    '["tini", "-p", "SIGTERM", "--", "/app/entry"]',
    '["tini", "-x", "5", "/app/entry"]',
    '["dumb-init", "--rewrite", "15:2", "/app/entry"]',
    '["dumb-init", "-r", "15:2", "/app/entry"]',
    '["dumb-init", "--single-child", "/app/entry"]',
    '["env", "-S", "/app/entry serve"]',
    '["env", "-i", "PATH=/bin", "/app/entry"]',
    '["time", "-f", "%e", "/app/entry"]',
    '["timeout", "--signal=KILL", "10", "/app/entry"]',
    '["gosu", "app", "/app/entry"]',
  ].map((json) => ({ runs: `ENTRYPOINT ${json}`, name: "entry", content: NO_BANG, script: true })),
  { runs: "CMD exec -a app /app/entry", name: "entry", content: NO_BANG, script: true },
  // A shell's options that take a value: -O/+O, -o inside a cluster, --rcfile/--init-file.
  ...[
    '["bash", "-O", "extglob", "/app/start"]',
    '["bash", "+O", "extglob", "/app/start"]',
    '["bash", "-eo", "pipefail", "/app/start"]',
    '["bash", "--rcfile", "/etc/rc", "/app/start"]',
    '["bash", "--init-file", "/etc/rc", "/app/start"]',
    '["bash", "-c", "-O", "extglob", "/app/start"]',
    '["bash", "-O", "extglob", "-c", "/app/start run"]',
  ].map((json) => ({ runs: `CMD ${json}`, name: "start", content: NO_BANG, script: true })),
  { runs: 'CMD ["bash", "-s", "/app/start"]', name: "start", content: NO_BANG, script: false },
  // Given to a shell: a shell script whatever it holds or is named.
  { runs: 'CMD ["sh", "/app/start"]', name: "start", content: NO_BANG, script: true },
  { runs: 'CMD ["bash", "-e", "/app/start"]', name: "start", content: NO_BANG, script: true },
  { runs: 'CMD ["busybox", "sh", "/app/start"]', name: "start", content: NO_BANG, script: true },
  {
    runs: 'CMD ["gosu", "app", "sh", "/app/start"]',
    name: "start",
    content: NO_BANG,
    script: true,
  },
  {
    runs: 'CMD ["sh", "-c", "/app/start.sh && exec node /app/server.js"]',
    name: "start.sh",
    content: SH,
    script: true,
  },
  { runs: "CMD . /app/env && exec /bin/true", name: "env", content: NO_BANG, script: true },
  // Given to another interpreter: no shell script, whatever its name.
  { runs: 'CMD ["node", "/app/server.js"]', name: "server.js", content: NODE, script: false },
  { runs: 'CMD ["node", "/app/start.sh"]', name: "start.sh", content: SH, script: false },
  { runs: 'CMD ["perl", "/app/app.pl"]', name: "app.pl", content: PERL, script: false },
  { runs: 'CMD ["python3", "-u", "/app/run.py"]', name: "run.py", content: PYTHON, script: false },
  {
    runs: 'CMD ["python", "/app/worker.py"]',
    name: "worker.py",
    content: PYTHON_NO_BANG,
    script: false,
  },
  { runs: 'CMD ["java", "-jar", "/app/app.jar"]', name: "app.jar", content: JAR, script: false },
  {
    runs: 'CMD ["/usr/lib/jvm/java-17/bin/java", "-jar", "/app/app.jar"]',
    name: "app.jar",
    content: JAR,
    script: false,
  },
  { runs: "CMD java -jar /app/app.jar", name: "app.jar", content: JAR, script: false },
  {
    runs: 'CMD ["make", "-f", "/app/Makefile", "run"]',
    name: "Makefile",
    content: MAKEFILE,
    script: false,
  },
  {
    runs: 'CMD ["nginx", "-c", "/app/nginx.conf", "-g", "daemon off;"]',
    name: "nginx.conf",
    content: NGINX,
    script: false,
  },
  {
    runs: 'CMD ["supervisord", "-c", "/app/supervisord.conf"]',
    name: "supervisord.conf",
    content: SUPERVISORD,
    script: false,
  },
  {
    runs: 'ENTRYPOINT ["tini", "--", "node", "/app/start.sh"]',
    name: "start.sh",
    content: SH,
    script: false,
  },
  // An argument of a program alpinize does not know: only what says it is a shell script.
  { runs: 'CMD ["myapp", "/app/hook"]', name: "hook", content: SH, script: true },
  { runs: 'CMD ["myapp", "/app/hook"]', name: "hook", content: NO_BANG, script: false },
  { runs: 'CMD ["myapp", "/app/hook.sh"]', name: "hook.sh", content: NO_BANG, script: true },
  {
    runs: 'CMD ["myapp", "/app/settings.yml"]',
    name: "settings.yml",
    content: NGINX,
    script: false,
  },
];

let repo: ScratchRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

function dockerfile(base: string, row: Row): string {
  return `FROM ${base}\nCOPY ${row.name} /app/${row.name}\n${row.runs}\n`;
}

describe("which files ENTRYPOINT and CMD run as shell scripts", () => {
  it.each(ROWS)("migrate DIR: $runs with $name", async (row) => {
    repo = await scratchRepo({ Dockerfile: dockerfile("debian:12", row), [row.name]: row.content });
    const plan = await planRepository(repo.root, {
      config: defaultConfig(),
      transforms: defaultTransforms(),
      release: "3.23",
    });
    const planned = plan.files.find((f) => f.file === row.name);
    const refused = plan.unparsable.find((u) => u.file === row.name);
    expect({ planned: planned !== undefined || refused !== undefined }).toEqual({
      planned: row.script,
    });
    if (row.script) expect(planned?.role).not.toBe("copied");
    // The Dockerfile is migrated either way: a non-script holds it back no more than a script.
    expect(plan.files.find((f) => f.file === "Dockerfile")?.changed).toBe(true);
  });

  it.each(ROWS)("check DIR and check FILE: $runs with $name", async (row) => {
    repo = await scratchRepo({
      Dockerfile: dockerfile("alpine:3.23", row),
      [row.name]: row.content,
    });
    const root = repo.root;
    for (const target of [
      { path: root, kind: "directory" as const },
      { path: `${root}/Dockerfile`, kind: "dockerfile" as const },
    ]) {
      const result = await checkTargets([target], {
        config: defaultConfig(),
        transforms: defaultTransforms(),
        cwd: root,
      });
      const linted =
        result.files.includes(row.name) ||
        result.unparsable.some((u) => u.file === row.name) ||
        result.findings.some((f) => f.file === row.name);
      expect({ target: target.kind, linted }).toEqual({ target: target.kind, linted: row.script });
      if (!row.script) expect(result.unparsable).toEqual([]);
    }
  });
});
