import { migrateDockerfile } from "../../src/index.js";

const DIGEST = `sha256:${"a".repeat(64)}`;

/**
 * What migrate --check makes of each name an Alpine 3.24 stage's `RUN run` asks apk for that the
 * release lacks: `stops` (it fails) or `goes-on` (`guarded` or `fallback`, a warning only).
 */
export function migrateReading(run: string): Record<string, "stops" | "goes-on"> {
  const text = `FROM alpine:3.24@${DIGEST}\nRUN ${run}\n`;
  const result = migrateDockerfile(text, { release: "3.24" });
  return Object.fromEntries(
    result.unknownPackages.map((p) => [p.name, p.guarded || p.fallback ? "goes-on" : "stops"]),
  );
}
