import { basename } from "node:path";
import { detectFileKind, type PinFileKind } from "@alpinize/digest";
import { isAmbiguousDockerfileName } from "@alpinize/dockerfile";
import { InputError } from "@alpinize/errors";
import { escapeInline } from "@alpinize/image-ref";

/**
 * The kind `--kind` or the name gives; undefined for a name such as `Dockerfile.sh`, which only
 * the text can settle (`kindOfText`, once the file is read). Any other name that does not tell is
 * refused here (exit 2), before the file is read.
 */
export function kindOfName(
  file: string,
  path: string,
  kind?: PinFileKind,
): PinFileKind | undefined {
  const chosen = kind ?? detectFileKind(path);
  if (chosen !== undefined || isAmbiguousDockerfileName(basename(path))) return chosen;
  throw new InputError(
    "ALPINIZE_PIN_UNKNOWN_KIND",
    `${escapeInline(file)}: cannot tell whether this is a Dockerfile, a compose file or a workflow`,
    {
      hint: "Pass --kind dockerfile, --kind compose or --kind workflow.",
      details: { file },
    },
  );
}

/**
 * `Dockerfile.sh`, `Dockerfile.txt`…: a Dockerfile when it holds one, as `migrate DIR` and
 * `check DIR` take it; otherwise refused (exit 2), never passed with nothing pinned.
 */
export function kindOfText(file: string, path: string, text: string): PinFileKind {
  const kind = detectFileKind(path, text);
  if (kind !== undefined) return kind;
  throw notADockerfile(file, whyNotADockerfile(text));
}

function whyNotADockerfile(text: string): string {
  const body = text.replace(/^\uFEFF/, "");
  if (body.startsWith("#!")) return "it starts with #!, so it is a script";
  if (!/^[ \t]*[^\s#]/m.test(body)) return "it holds no instruction, only blank lines or comments";
  return "its first line past blank lines and comments is not a FROM or an ARG, so it is not one";
}

function notADockerfile(file: string, why: string): InputError {
  return new InputError(
    "ALPINIZE_PIN_UNKNOWN_KIND",
    `${escapeInline(file)}: named like a Dockerfile, but ${why}; pin cannot tell what to pin in it`,
    {
      hint: "migrate DIR and check DIR skip it too. If it is a Dockerfile, start it with FROM or ARG (comments may come first) or pass --kind dockerfile; otherwise leave it out.",
      details: { file },
    },
  );
}
