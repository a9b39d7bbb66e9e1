import { renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const dataDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "data");

/** One entry per line keeps the committed data diffable without bloating it. */
export function stringifyCompact(value) {
  const lines = ["{"];
  const entries = Object.entries(value);
  entries.forEach(([key, inner], i) => {
    const comma = i < entries.length - 1 ? "," : "";
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      const sub = Object.entries(inner).map(
        ([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`,
      );
      lines.push(`  ${JSON.stringify(key)}: {`, sub.join(",\n"), `  }${comma}`);
    } else lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(inner)}${comma}`);
  });
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** Never leave a half-written data file: write beside it, then rename. */
export function writeJsonAtomic(path, value) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, stringifyCompact(value));
  renameSync(tmp, path);
}

/** Append to the list stored under `key`, creating it. */
export function pushTo(record, key, value) {
  const list = Object.hasOwn(record, key) ? record[key] : [];
  list.push(value);
  record[key] = list;
}
