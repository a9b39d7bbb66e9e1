import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** Which scripts/ci/install-*.sh puts each binary the real-service tests use on PATH. */
const INSTALLERS: Record<string, string> = {
  "docker-registry": "scripts/ci/install-registry.sh",
  dockerd: "scripts/ci/install-registry.sh",
  containerd: "scripts/ci/install-registry.sh",
  runc: "scripts/ci/install-registry.sh",
  skopeo: "scripts/ci/install-registry.sh",
  htpasswd: "scripts/ci/install-registry.sh",
  openssl: "scripts/ci/install-registry.sh",
};

export interface RequireBinaryOptions {
  /** The install script to name when the binary is not one testkit knows. */
  installer?: string;
  /** PATH to search (default: process.env.PATH). */
  path?: string;
}

/** Finds an executable on PATH, or undefined. */
export function findBinary(name: string, searchPath = process.env.PATH ?? ""): string | undefined {
  for (const dir of searchPath.split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * Returns the absolute path of `name` on PATH, or throws an error that says which
 * scripts/ci/install-*.sh installs it (run it as root).
 */
export function requireBinary(name: string, options: RequireBinaryOptions = {}): string {
  const found = findBinary(name, options.path);
  if (found) return found;
  const installer = options.installer ?? INSTALLERS[name];
  const how = installer
    ? `run "sudo bash ${installer}" from the repository root (scripts/test.sh runs it before the tests)`
    : "install it, and add it to a scripts/ci/install-*.sh script so CI has it too";
  throw new Error(`${name} is not on PATH: ${how}.`);
}
