import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The Renovate release the presets are validated and exercised with (scripts/ci/install-renovate.sh). */
export const RENOVATE_VERSION = "44.121.2";

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "../../../..");
export const PRESET_DIR = join(REPO_ROOT, "renovate");

export interface RenovateInstall {
  dir: string;
  /** Node ^24.11, which Renovate 44 needs. */
  node: string;
  renovate: string;
  validator: string;
}

const INSTALL_HINT =
  'run "sudo bash scripts/ci/install-renovate.sh" from the repository root (after scripts/setup.sh)';

function candidateDirs(): string[] {
  const fromEnv = process.env.ALPINIZE_RENOVATE_DIR;
  if (fromEnv) return [fromEnv];
  return [
    `/opt/alpinize/renovate-${RENOVATE_VERSION}`,
    join(REPO_ROOT, ".tools", `renovate-${RENOVATE_VERSION}`),
  ];
}

function nodeForRenovate(): string {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  if (major < 24 || (major === 24 && minor < 11)) {
    throw new Error(
      `Renovate ${RENOVATE_VERSION} needs Node ^24.11 but these tests run on ${process.versions.node}: ` +
        "run them after `source scripts/env.sh` (the project's Node 24)",
    );
  }
  return process.execPath;
}

/** Where install-renovate.sh put Renovate, or an Error that says how to install it. */
export function findRenovate(): RenovateInstall {
  const tried = candidateDirs();
  for (const dir of tried) {
    const marker = join(dir, ".installed");
    if (!existsSync(marker) || readFileSync(marker, "utf8").trim() !== RENOVATE_VERSION) continue;
    const dist = join(dir, "node_modules", "renovate", "dist");
    return {
      dir,
      node: nodeForRenovate(),
      renovate: join(dist, "renovate.js"),
      validator: join(dist, "config-validator.js"),
    };
  }
  throw new Error(
    `Renovate ${RENOVATE_VERSION} is not installed (looked in ${tried.join(", ")}): ${INSTALL_HINT}`,
  );
}
