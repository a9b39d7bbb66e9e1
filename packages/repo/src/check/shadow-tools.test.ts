import { readFileSync } from "node:fs";
import { SHADOW_ONLY_TOOLS } from "@alpinize/busybox";
import { corpusPath, corpusSkipReason } from "@alpinize/testkit";
import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";
import { scriptShadowCall } from "./shadow-tools.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function findings(text: string) {
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings).filter(
    (f) => f.rule === "shadow-user-commands",
  );
}

// Alpine's busybox build config, read from the shared corpus next to the repository.
const CONFIG = corpusPath("alpine-rootfs", "busyboxconfig-1.37.0");
const configSkipped = corpusSkipReason(CONFIG);
const haveConfig = configSkipped === undefined;
if (!haveConfig) console.warn(`busybox config test skipped: ${configSkipped}`);

describe.skipIf(!haveConfig)("shadow tools against Alpine's busybox config", () => {
  const config = haveConfig ? readFileSync(CONFIG, "utf8") : "";
  const applet = (name: string) => new RegExp(`^CONFIG_${name.toUpperCase()}=y$`, "m").test(config);

  it("reports no tool busybox has an applet for", () => {
    const tools = Object.keys(SHADOW_ONLY_TOOLS);
    expect(tools.filter(applet)).toEqual([]);
    const text = `FROM alpine:3.23\n${tools.map((t) => `RUN ${t} x\n`).join("")}`;
    expect(findings(text).map((f) => f.message.split(" ")[0])).toEqual(tools);
  });

  it("leaves busybox's own account applets alone", () => {
    const own = ["chpasswd", "passwd", "adduser", "addgroup", "deluser", "delgroup"];
    expect(own.filter(applet)).toEqual(own);
    const text = `FROM alpine:3.23\nRUN ${own.map((t) => `${t} x`).join(" && ")}\n`;
    expect(findings(text)).toEqual([]);
  });
});

describe("shadow-user-commands", () => {
  it("does not report busybox chpasswd", () => {
    const text = "FROM alpine:3.23\nRUN adduser -D app && echo 'app:secret' | chpasswd\n";
    expect(findings(text)).toEqual([]);
  });

  it("reports every shadow tool busybox lacks, each with what to use instead", () => {
    const lacking = ["chsh", "userdel", "groupmod", "chage", "newusers", "groupdel", "chfn"];
    const text = `FROM alpine:3.23\n${lacking.map((t) => `RUN ${t} x\n`).join("")}`;
    const got = findings(text);
    expect(got.map((f) => `${f.line}:${f.message.split(" ")[0]}`)).toEqual(
      lacking.map((t, i) => `${i + 2}:${t}`),
    );
    const said = (tool: string) => got.find((f) => f.message.startsWith(`${tool} `))?.message;
    expect(said("userdel")).toMatch(/busybox deluser/);
    expect(said("groupdel")).toMatch(/busybox delgroup/);
    expect(said("chsh")).toMatch(/adduser -s SHELL/);
    expect(said("chage")).toMatch(
      /nor any tool for password ageing, .*: apk add --no-cache shadow/,
    );
    expect(said("groupmod")).toMatch(/apk add --no-cache shadow before it$/);
  });

  it("reports them only in Alpine stages that do not apk add shadow", () => {
    expect(findings("FROM debian:12\nRUN chsh -s /bin/bash root\n")).toEqual([]);
    const withShadow = "FROM alpine:3.23\nRUN apk add --no-cache shadow\nRUN chsh -s /bin/sh x\n";
    expect(findings(withShadow)).toEqual([]);
  });
});

describe("shadow-user-commands: passwd and chpasswd options only shadow's take", () => {
  const said = (text: string) => findings(text).map((f) => `${f.line}:${f.severity}:${f.message}`);

  it("reports passwd -x on an Alpine stage without shadow, with the fix", () => {
    expect(said("FROM alpine:3.24\nRUN passwd -x 90 root\n")).toEqual([
      "2:error:passwd -x in Alpine stage 0: busybox passwd has no -x, an option of shadow's passwd only, so the build fails here: apk add --no-cache shadow before it",
    ]);
  });

  it("gives busybox's spelling where it has one, and reads options after the user", () => {
    expect(said("FROM alpine:3.24\nRUN passwd --lock root\n")[0]).toMatch(
      /busybox passwd has no --lock, .*: use passwd -l, or apk add --no-cache shadow before it$/,
    );
    const later = "FROM alpine:3.24\nRUN passwd root -e && echo a:b | chpasswd -s 9 -c SHA512\n";
    expect(said(later).map((m) => m.split(" in ")[0])).toEqual([
      "2:error:passwd -e",
      "2:error:chpasswd -s",
    ]);
    expect(said("FROM alpine:3.24\nRUN passwd -S root || true\n")[0]).toMatch(/^2:warning:/);
  });

  it("leaves busybox's own options alone, and every option once shadow is installed", () => {
    for (const run of [
      "passwd -l root",
      "passwd -d app && passwd -u app && passwd -a sha512 -l app",
      "echo app:pw | chpasswd",
      "echo 'app:$6$x' | chpasswd -e --root /srv",
      "chpasswd -c sha512 < /x && chpasswd --crypt-method=sha512 < /y",
      'passwd "$OPTS" root',
    ])
      expect(said(`FROM alpine:3.24\nRUN ${run}\n`), run).toEqual([]);
    expect(
      said("FROM alpine:3.24\nRUN apk add --no-cache shadow\nRUN passwd -x 90 root\n"),
    ).toEqual([]);
    expect(said("FROM debian:12\nRUN passwd -x 90 root\n")).toEqual([]);
  });

  it("says when shadow comes too late, with busybox's spelling", () => {
    const late = "FROM alpine:3.24\nRUN passwd --delete app\nRUN apk add --no-cache shadow\n";
    expect(said(late)).toEqual([
      "2:error:passwd --delete runs before shadow is installed (apk add shadow on line 3) in Alpine stage 0, so the build fails here: install shadow first, or use passwd -d",
    ]);
  });
});

describe("shadow-user-commands after shadow is removed again", () => {
  const lines = (text: string) => findings(text).map((f) => f.line);

  it("accepts a call between apk add and apk del of the group in the same RUN", () => {
    const text =
      "FROM alpine:3.23\nRUN apk add --no-cache --virtual .tmp shadow && useradd app && apk del .tmp\n";
    expect(findings(text)).toEqual([]);
    const nested = "FROM alpine:3.23\nRUN sh -ec 'apk add -t .x shadow; useradd a; apk del .x'\n";
    expect(findings(nested)).toEqual([]);
  });

  it("reports a call after the delete, in the same RUN or a later one, with the apk del line", () => {
    const same =
      "FROM alpine:3.23\nRUN apk add -t .tmp shadow \\\n && apk del .tmp \\\n && usermod -u 1000 app\n";
    const got = findings(same);
    expect(got.map((f) => f.line)).toEqual([4]);
    expect(got[0]?.message).toMatch(
      /^usermod runs after shadow was removed again \(apk del on line 3\)/,
    );
    const later =
      "FROM alpine:3.23\nRUN apk add --no-cache shadow\nRUN apk del shadow\nRUN groupmod -g 1000 app\n";
    expect(lines(later)).toEqual([4]);
  });

  it("reports a call in a stage built FROM one that removed shadow, or that removes it itself", () => {
    const parent = "FROM alpine:3.23 AS base\nRUN apk add -t .tmp shadow && useradd a\n";
    expect(lines(`${parent}RUN apk del .tmp\nFROM base\nRUN usermod -aG wheel a\n`)).toEqual([5]);
    expect(lines(`${parent}FROM base\nRUN apk del .tmp && usermod -aG wheel a\n`)).toEqual([4]);
    expect(lines(`${parent}FROM base\nRUN usermod -aG wheel a\n`)).toEqual([]);
  });

  it("accepts the call again once shadow is added back, or while another group holds it", () => {
    const back =
      "FROM alpine:3.23\nRUN apk add -t .tmp shadow && apk del .tmp\nRUN chsh -s /bin/sh a\nRUN apk add --no-cache shadow && chsh -s /bin/sh a\n";
    expect(lines(back)).toEqual([3]);
    const held =
      "FROM alpine:3.23\nRUN apk add -t .a shadow && apk add -t .b shadow && apk del .a && useradd x\n";
    expect(lines(held)).toEqual([]);
  });

  it("reads package lists given through a variable", () => {
    const viaArg =
      'FROM alpine:3.23\nARG RUNTIME="shadow su-exec"\nRUN apk add --no-cache $RUNTIME && useradd x\n';
    expect(lines(viaArg)).toEqual([]);
    const viaEnv =
      "FROM alpine:3.23\nENV DEPS=shadow\nRUN apk add -t .b $DEPS && apk del .b && useradd x\n";
    expect(lines(viaEnv)).toEqual([3]);
  });
});

describe("scriptShadowCall: the call of a copied script that needs shadow", () => {
  it("takes the first call a guard does not cover, with its line", () => {
    const call = scriptShadowCall("#!/bin/sh\nuseradd a || true\n\nchsh -s /bin/sh a\n");
    expect(call).toMatchObject({ line: 4, guarded: false, need: { what: "chsh" } });
    expect(scriptShadowCall("#!/bin/sh\nuseradd a || adduser -D a\n")).toMatchObject({
      line: 2,
      guarded: true,
    });
    expect(scriptShadowCall('#!/bin/sh\nsh -c "passwd --lock root"\n')?.need.what).toBe(
      "passwd --lock",
    );
  });

  it("leaves busybox's own tools, and a script nested too deep to read", () => {
    expect(scriptShadowCall("#!/bin/sh\nadduser -D a\npasswd -l a\n")).toBeUndefined();
    const deep = `x=${'"$(echo '.repeat(400)}x${')"'.repeat(400)}\nuseradd a\n`;
    expect(scriptShadowCall(deep)).toBeUndefined();
  });
});
