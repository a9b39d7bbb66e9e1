/**
 * Settings are at most four levels deep (`packages.overrides.NAME[0]`); a file nested deeper than
 * this is refused before anything walks it, so no later step can run out of stack on it.
 */
export const MAX_CONFIG_DEPTH = 32;

/** How deep a value a message quotes is shown: deeper arrays and objects print as `[...]`. */
const PREVIEW_DEPTH = 3;

/**
 * Whether `value` nests arrays and objects more than `limit` levels deep (a scalar is 0 deep,
 * `[]` 1). Walked with a list, not recursion, and stopped at the first container past `limit`.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== "object" || item === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * A value as a message quotes it: JSON-like, at most `maxLength` characters (cut with `...`),
 * arrays and objects past {@link PREVIEW_DEPTH} levels as `[...]` and `{...}`, a number JSON
 * readers took as infinite (`1e400`) as `Infinity`. Never recurses deeper than that, nor builds
 * more text than it shows, whatever the value.
 */
export function preview(value: unknown, maxLength = 60): string {
  const text = render(value, 0, maxLength + 1);
  return text.length > maxLength ? `${text.slice(0, maxLength - 3)}...` : text;
}

function render(value: unknown, depth: number, budget: number): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, budget));
  if (typeof value !== "object" || value === null) return String(value);
  const array = Array.isArray(value);
  if (depth >= PREVIEW_DEPTH) return array ? "[...]" : "{...}";
  let out = array ? "[" : "{";
  const keys = Object.keys(value);
  for (const [i, key] of keys.entries()) {
    if (out.length > budget) break;
    const item = render((value as Record<string, unknown>)[key], depth + 1, budget - out.length);
    out += `${i > 0 ? "," : ""}${array ? "" : `${JSON.stringify(key.slice(0, budget))}:`}${item}`;
  }
  return `${out}${array ? "]" : "}"}`;
}
