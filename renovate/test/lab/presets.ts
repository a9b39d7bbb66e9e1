import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PRESET_DIR } from "./renovate-install.js";

const SCHEMA = "https://docs.renovatebot.com/renovate-schema.json";

export interface PresetFile {
  name: string;
  path: string;
  json: Record<string, unknown>;
}

/** Every preset in renovate/: the JSON files that declare Renovate's schema. */
export function presetFiles(): PresetFile[] {
  return readdirSync(PRESET_DIR)
    .filter((name) => name.endsWith(".json"))
    .map((name) => {
      const path = join(PRESET_DIR, name);
      return {
        name,
        path,
        json: JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>,
      };
    })
    .filter((file) => file.json.$schema === SCHEMA);
}
