// Prints how Renovate rewrites a preset's relative `./name` extends when that preset is loaded as
// `parent` (e.g. github>OWNER/REPO//renovate/default), using Renovate's own functions: the
// offline lab cannot fetch github> presets, so this checks the references it would follow.
// Usage: node resolve-relative.mjs <renovate dist dir> <parent preset> <preset.json>
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [dist, parent, presetPath] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(join(dist, path)).href);
const { parsePreset } = await load("config/presets/parse.js");
const { canonicalizeRelativePresets } = await load("config/presets/relative.js");
const preset = JSON.parse(await readFile(presetPath, "utf8"));
canonicalizeRelativePresets(preset, parsePreset(parent));
process.stdout.write(`${JSON.stringify(preset.extends ?? [])}\n`);
