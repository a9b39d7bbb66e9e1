import { describeApkAllOrNothing } from "@alpinize/testkit";
import * as vitest from "vitest";
import { migrateDockerfile } from "../src/index.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

// testkit's all-or-nothing rows, run by the musl busybox sh in a chroot, next to what migrate
// --check reads: dpkg-divert (dpkg's) in the place of useradd (shadow's), which migrate rewrites.
describeApkAllOrNothing(vitest, (runs) => {
  const lines = runs.map(
    (run) =>
      `RUN ${run.replaceAll("shadow", "dpkg").replaceAll("useradd app", "dpkg-divert --add /x")}`,
  );
  const text = `FROM alpine:3.24@${DIGEST}\n${lines.join("\n")}\n`;
  return migrateDockerfile(text, { release: "3.24" }).debianToolsLeft.length === 0;
});
