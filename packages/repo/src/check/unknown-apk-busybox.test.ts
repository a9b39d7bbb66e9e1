import { describeUnknownApk } from "@alpinize/testkit";
import * as vitest from "vitest";
import { checkReading } from "../../test/unknown-reading.js";

// testkit's unknown apk names table, run by the musl busybox sh in a chroot, next to what
// alpinize check reads (migrate --check reads the same table in @alpinize/dockerfile).
describeUnknownApk(vitest, checkReading);
