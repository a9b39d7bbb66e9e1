/**
 * `text` with each `${…}` (to the next `}`) and each short `$NAME` given to `replace`, as
 * `text.replace(/\$\{[^}]*\}|\$NAME/g, replace)` does, where `name` is the sticky expression for
 * NAME's letters after the `$` (`/[A-Za-z_]\w*\/y`, `/\w+/y`).
 *
 * That expression looks for the closing `}` from every `${` of a long word without one: quadratic.
 * Here the next `}` is found once for all of them.
 */
export function replaceVariables(
  text: string,
  name: RegExp,
  replace: (variable: string) => string,
): string {
  let out = "";
  let copied = 0;
  let close = -1;
  for (let at = text.indexOf("$"); at !== -1; at = text.indexOf("$", at + 1)) {
    let end = -1;
    if (text[at + 1] === "{") {
      if (close !== -2 && close < at + 2) close = text.indexOf("}", at + 2);
      if (close === -1) close = -2;
      if (close >= 0) end = close + 1;
    } else {
      name.lastIndex = at + 1;
      if (name.test(text)) end = name.lastIndex;
    }
    if (end === -1) continue;
    out += text.slice(copied, at) + replace(text.slice(at, end));
    copied = end;
    at = end - 1;
  }
  return out + text.slice(copied);
}
