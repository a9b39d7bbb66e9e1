import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { FIXTURES } from "../test/helpers.js";
import { readReportFile } from "./read.js";
import { releaseBuffer } from "./release.js";

const tmp = mkdtempSync(join(tmpdir(), "trivy-gate-release-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("releaseBuffer", () => {
  it("frees a large buffer that owns its memory", () => {
    const buf = Buffer.allocUnsafe(Buffer.poolSize * 4 + 1).subarray(0, Buffer.poolSize * 4);
    releaseBuffer(buf);
    expect(buf.byteLength).toBe(0);
  });

  it("leaves a small buffer (it may be a slice of Node's shared pool)", () => {
    const buf = Buffer.from("{}");
    releaseBuffer(buf);
    expect(buf.toString()).toBe("{}");
  });

  it("leaves a view of a larger buffer alone (other views may still use it)", () => {
    const whole = Buffer.alloc(Buffer.poolSize * 8, 1);
    const part = whole.subarray(0, Buffer.poolSize * 2);
    releaseBuffer(part);
    expect([part.byteLength, whole.byteLength]).toEqual([Buffer.poolSize * 2, Buffer.poolSize * 8]);
  });
});

describe("readReportFile", () => {
  it("gives the bytes it read back once parsed, not at the next full GC", async () => {
    // Padded past Node's pool so the read gets a buffer of its own, as a real report does.
    const doc = JSON.parse(readFileSync(join(FIXTURES, "debian.json"), "utf8"));
    const path = join(tmp, "large.json");
    writeFileSync(path, JSON.stringify(doc, null, 2) + " ".repeat(Buffer.poolSize * 2));
    const transfer = vi.spyOn(
      ArrayBuffer.prototype as unknown as { transfer(length: number): ArrayBuffer },
      "transfer",
    );
    try {
      const report = await readReportFile(path);
      expect(report.findings.length).toBeGreaterThan(0);
      expect(transfer).toHaveBeenCalledWith(0);
    } finally {
      transfer.mockRestore();
    }
  });
});
