import { describeUnknownApk } from "@alpinize/testkit";
import * as vitest from "vitest";
import { migrateReading } from "./support/unknown-reading.js";

// testkit's unknown apk names table, run by the musl busybox sh in a chroot, next to what
// migrate --check reads (alpinize check reads the same table in @alpinize/repo).
describeUnknownApk(vitest, migrateReading);
