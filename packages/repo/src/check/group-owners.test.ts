import { describe, expect, it } from "vitest";
import { describeStages } from "../dockerfile/stages.js";
import { checkStages } from "./dockerfile-rules.js";

const settings = { skip: [], requireDigests: false, ignoreImages: [] };

function groups(...lines: string[]): string[] {
  const text = ["FROM alpine:3.24", ...lines, ""].join("\n");
  return checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
    .filter((f) => f.rule === "unknown-group")
    .map((f) => `${f.line}:${f.severity}:${/names group (\S+),/.exec(f.message)?.[1]}`);
}

describe("unknown-group in ownership", () => {
  it("reports chgrp, chown USER:GROUP, COPY/ADD --chown and USER naming a group nothing made", () => {
    expect(
      groups(
        "RUN chgrp -R staff /srv",
        "RUN chown app:plugdev /srv && chown -R :dip /opt",
        "COPY --chown=app:staff a /a",
        "ADD --chmod=644 --chown=1000:sudo b /b",
        "USER app:staff",
      ),
    ).toEqual([
      "2:error:staff",
      "3:error:plugdev",
      "3:error:dip",
      "4:error:staff",
      "5:error:sudo",
      "6:error:staff",
    ]);
  });

  it("reads chown's old USER.GROUP as busybox does, split at the first dot", () => {
    expect(
      groups(
        "RUN chown app.staff /srv && chown .plugdev /x && chown app.users /y && chown app. /z",
      ),
    ).toEqual(["2:error:staff", "2:error:plugdev"]);
  });

  it("says how COPY and USER fail", () => {
    const text = "FROM alpine:3.24\nCOPY --chown=app:staff a /a\nUSER app:staff\n";
    const [copy, user] = checkStages("Dockerfile", describeStages(text, "Dockerfile"), settings)
      .filter((f) => f.rule === "unknown-group")
      .map((f) => f.message);
    expect(copy).toMatch(/^COPY --chown in Alpine stage 0 names group staff, .*the build fails/);
    expect(user).toMatch(/^USER in Alpine stage 0 names group staff, .*container fails to start/);
  });

  it("leaves numbers, variables, base groups, made groups and plain owners alone", () => {
    expect(
      groups(
        "ARG G=staff",
        "RUN addgroup -S app && chgrp app /srv && chown app:app /srv",
        "RUN chgrp 50 /srv && chown 1000:1000 /srv && chown app:$G /srv && chgrp wheel /srv",
        "RUN chown app /srv && chown -R app: /srv && chgrp --reference=/etc /srv",
        "COPY --chown=app:app a /a",
        "COPY --chown=1000:$G b /b",
        "COPY --chown=app c /c",
        "USER app:app",
        "USER 1000:1000",
        "USER app",
      ),
    ).toEqual([]);
  });

  it("follows groups made later, and /etc/group copied in", () => {
    expect(
      groups(
        "COPY --chown=app:staff a /a",
        "RUN addgroup staff",
        "COPY --chown=app:staff b /b",
        "COPY group /etc/group",
        "USER app:other",
      ),
    ).toEqual(["2:error:staff"]);
  });
});
