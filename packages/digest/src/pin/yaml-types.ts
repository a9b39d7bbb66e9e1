/** What a `key:` holds, as far as the line-based reader can tell. */
export type YamlValue =
  /**
   * A scalar written in place (plain or quoted without escapes): its exact span, quotes excluded.
   * `plain` when written without quotes, so YAML may read it as a number or a boolean.
   */
  | { kind: "scalar"; value: string; start: number; end: number; plain?: true }
  /** A value written in a form pin cannot rewrite in place; `text` is how it starts. */
  | { kind: "opaque"; text: string; reason: string }
  /** A nested block or flow collection (which one, when known), or nothing (null). */
  | { kind: "container"; collection?: "mapping" | "sequence" }
  /** `<<: *a` or `<<: [*a, *b]`: a merge of anchored mappings; `at` is where it starts. */
  | { kind: "merge"; aliases: string[]; at: number }
  /** `*name` alone as the value; `at` is the offset of its `*`. */
  | { kind: "alias"; name: string; at: number }
  /**
   * Keys pin cannot read come into the mapping at the entry's path: a key written as an alias,
   * with a tag or as `? key`, or a merge key whose value is not aliases. `text` is the line.
   */
  | { kind: "unread"; text: string; reason: string };

export interface YamlEntry {
  /** Mapping keys from the document root to this one (sequence items add no key). */
  path: string[];
  /** 1-based line of the value (the key's, unless the value is on the next line). */
  line: number;
  /** Offset of the start of that line. */
  lineStart: number;
  /** Which YAML document of the file (0, then one more at each `---` or `...`). */
  doc: number;
  value: YamlValue;
  /** `&name` written before the value. */
  anchor?: string;
  /** Offset of that `&`: which of several `&name` in the text this entry's is. */
  anchorAt?: number;
}

/** An anchor read before a value: its name and the offset of its `&`. */
export interface AnchorMark {
  name: string;
  at: number;
}

/** Why a merge key's value that is not aliases is not read. */
export const MERGE_FORMS =
  "a merge key (<<) whose value is not an alias (<<: *a) or a list of aliases on its line (<<: [*a, *b]): pin cannot tell which keys it brings in; write it in one of those forms";

/** Longest text of an unreadable value quoted in a report. */
const SHOWN = 60;

export function opaque(text: string, reason: string): YamlValue {
  return { kind: "opaque", text: shown(text), reason };
}

export function unread(text: string, reason: string): YamlValue {
  return { kind: "unread", text: shown(text), reason };
}

function shown(text: string): string {
  const first = text.split("\n")[0]!.trim();
  return first.length > SHOWN ? `${first.slice(0, SHOWN)}…` : first;
}
