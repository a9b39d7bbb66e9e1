import { describe, expect, it } from "vitest";
import { shellWords } from "../dockerfile/words.js";
import { runWords } from "./run-words.js";

/** `word how` for each word, first words marked with `^`. */
function read(words: string[], shellForm = false): string[] {
  return runWords(words, shellForm).map((w) => `${w.first ? "^" : ""}${w.word} ${w.how}`);
}

describe("runWords: how ENTRYPOINT and CMD run the words they name", () => {
  it.each([
    [["/entry.sh"], ["^/entry.sh program"]],
    [
      ["/entry.sh", "serve"],
      ["^/entry.sh program", "serve operand"],
    ],
    [
      ["tini", "--", "/entry.sh"],
      ["^tini program", "/entry.sh program"],
    ],
    [
      ["/sbin/tini", "-s", "-g", "--", "/e"],
      ["^/sbin/tini program", "/e program"],
    ],
    [
      ["gosu", "app", "/e"],
      ["^gosu program", "/e program"],
    ],
    [
      ["su-exec", "app:app", "node", "/s.js"],
      ["^su-exec program", "node program", "/s.js read"],
    ],
    [
      ["timeout", "-k", "5", "10", "/e"],
      ["^timeout program", "/e program"],
    ],
    [
      ["env", "A=1", "-u", "B", "/e"],
      ["^env program", "/e program"],
    ],
    [
      ["tini", "-g", "/e"],
      ["^tini program", "/e program"],
    ],
    [
      ["tini", "-e", "143", "-p", "SIGTERM", "/e"],
      ["^tini program", "/e program"],
    ],
    [
      ["dumb-init", "--rewrite=15:2", "-c", "/e"],
      ["^dumb-init program", "/e program"],
    ],
    [
      ["env", "-S", "gosu app /e", "x"],
      ["^env program", "gosu program", "/e program", "x operand"],
    ],
    [
      ["tini", "-Z", "x", "/e"],
      ["^tini program", "/e program", "x program", "/e operand"],
    ],
    [
      ["bash", "-O", "extglob", "--rcfile", "/rc", "-eo", "pipefail", "/start"],
      ["^bash program", "/start shell"],
    ],
    [
      ["bash", "-c", "-O", "extglob", "/a.sh"],
      ["^bash program", "/a.sh program"],
    ],
    [
      ["sh", "/start"],
      ["^sh program", "/start shell"],
    ],
    [
      ["/bin/bash", "-e", "-o", "pipefail", "/start"],
      ["^/bin/bash program", "/start shell"],
    ],
    [
      ["busybox", "sh", "/start"],
      ["^busybox program", "/start shell"],
    ],
    [["sh", "-s"], ["^sh program"]],
    [
      ["sh", "-c", "/a.sh && exec /b", "x"],
      ["^sh program", "/a.sh program", "exec program", "/b program"],
    ],
    [
      ["sh", "-ec", ". /env.sh; node /s.js"],
      ["^sh program", ". program", "/env.sh shell", "node program", "/s.js read"],
    ],
    [
      ["node", "/s.js"],
      ["^node program", "/s.js read"],
    ],
    [
      ["python3.12", "-u", "/r.py"],
      ["^python3.12 program", "/r.py read"],
    ],
    [
      ["/usr/lib/jvm/x/bin/java", "-jar", "/a.jar"],
      ["^/usr/lib/jvm/x/bin/java program", "/a.jar read"],
    ],
    [
      ["make", "-f", "/app/Makefile", "run"],
      ["^make program", "/app/Makefile read", "run read"],
    ],
    [
      ["make", "run"],
      ["^make program", "./GNUmakefile read", "./makefile read", "./Makefile read", "run read"],
    ],
    [
      ["gmake", "-C", "/app", "--file=x.mk", "run"],
      ["^gmake program", "/app/x.mk read", "/app read", "run read"],
    ],
    [
      ["nginx", "-c", "/n.conf", "-g", "daemon off;"],
      ["^nginx program", "/n.conf read", "daemon off; read"],
    ],
  ])("%j", (words, expected) => {
    expect(read(words)).toEqual(expected);
  });

  it("reads a shell form as the commands of its text", () => {
    expect(read(shellWords("A=1 /entry.sh && exec java -jar /app.jar; /post.sh"), true)).toEqual([
      "^/entry.sh program",
      "exec program",
      "java program",
      "/app.jar read",
      "/post.sh program",
    ]);
  });

  it("stops reading sh -c strings nested past a few levels", () => {
    const deep = ["sh", "-c", 'sh -c \'sh -c "sh -c \\"sh -c /x\\""\''];
    expect(read(deep).filter((w) => w.startsWith("/x"))).toEqual([]);
  });
});
