import { type BlockKey, closingQuote, readKey, readNode } from "./yaml-text.js";

/** A line that sets a key pin cannot read exactly, and why. */
export interface UnreadKey {
  unread: string;
}

/** The one tag a key may carry and still be read: it says what a plain key already is. */
const STR_TAG = /^!!str(?:\s+|$)/;
const OTHER_TAG = /^!\S*/;
const AFTER_PLAIN_KEY = /:(\s|$)/;

/**
 * The key a block mapping line sets: read exactly (plain or quoted, after an anchor `&k` or a
 * `!!str` tag, which leave its text as it is), unread with the reason when it is a key in a form
 * pin does not follow (an alias, another tag, `? key`, a quoted key it cannot decode), or
 * undefined when the line sets no key (a sequence item's scalar, a nameless line).
 */
export function readBlockKey(content: string): BlockKey | UnreadKey | undefined {
  let rest = content;
  let tag: string | undefined;
  for (;;) {
    if (rest[0] === "&") {
      const node = readNode(rest);
      if (!node) return keyLike(rest) ? { unread: NAMELESS } : undefined;
      rest = rest.slice(node.length);
    } else if (rest[0] === "!") {
      // A second tag is no YAML; which key it would be is not known either.
      if (tag !== undefined) return keyLike(rest) ? { unread: tagged(tag) } : undefined;
      const strTag = STR_TAG.exec(rest);
      tag = strTag ? "!!str" : OTHER_TAG.exec(rest)![0];
      rest = rest.slice(strTag ? strTag[0].length : tag.length).trimStart();
    } else break;
  }
  const key = readRest(rest);
  if (key === undefined || "unread" in key) return key;
  if (tag !== undefined && tag !== "!!str") return { unread: tagged(tag) };
  const length = content.length - rest.length + key.length;
  // A `!!str <<` is a string key named `<<`, not the merge key.
  return { ...key, length, plain: key.plain && tag === undefined };
}

const NAMELESS = "a key with an anchor without a name (&): write the key without it";

const tagged = (tag: string) =>
  `a key with the tag ${tag}: pin reads keys untagged or tagged !!str only, so it cannot tell which key this is; write it without the tag`;

function readRest(rest: string): BlockKey | UnreadKey | undefined {
  const c = rest[0];
  if (c === "*") {
    if (!keyLike(rest)) return undefined;
    const name = readNode(rest)?.name ?? "";
    return {
      unread: `a key written as an alias (*${name}): pin does not follow an alias in a key, so it cannot tell which key this is; write the key out`,
    };
  }
  if (c === "?" && (rest.length === 1 || /\s/.test(rest[1]!))) {
    return {
      unread: "an explicit key (? key): pin cannot tell which key this is; write it as key: value",
    };
  }
  const key = readKey(rest);
  if (key || (c !== '"' && c !== "'")) return key;
  // A quoted key that readKey could not take: text between the closing quote and the `:`, an
  // escape YAML does not define. A quote not closed on the line is a value, never a key.
  const close = closingQuote(rest, c);
  if (close === -1 || !keyLike(rest.slice(close + 1))) return undefined;
  return {
    unread:
      "a quoted key pin cannot read (an escape it does not know, or text before its :); write the key plain",
  };
}

/** Whether the text, comments aside, has a `: ` that would make it a key. */
function keyLike(text: string): boolean {
  const comment = text.search(/\s#/);
  return AFTER_PLAIN_KEY.test(comment === -1 ? text : text.slice(0, comment));
}
