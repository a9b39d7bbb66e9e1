import { describeOrGuards } from "@alpinize/testkit";
import * as vitest from "vitest";
import { scanCommands } from "./commands.js";

// The `||` guards of testkit's table, run by the musl busybox sh in a chroot, next to what
// alpinize check reads (migrate --check reads the same table in @alpinize/dockerfile).

const guarded = (run: string) => scanCommands(run).find((c) => c.name === "useradd")?.guarded;

describeOrGuards(vitest, (run) => guarded(run) === true);
