import { basename } from "node:path";
import { detectFileKind, type PinFileKind } from "@alpinize/digest";
import { isAmbiguousDockerfileName, whyNotDockerfileText } from "@alpinize/dockerfile";
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
 * `Dockerfile.sh`, `dockerfile.prod`, `app.Dockerfile.txt`…: a Dockerfile when it holds one (by
 * its first 64 Ki characters), as `migrate DIR`, `check DIR` and `check FILE` take it; otherwise
 * refused (exit 2), never passed with nothing pinned.
 */
export function kindOfText(file: string, path: string, text: string): PinFileKind {
  const kind = detectFileKind(path, text);
  if (kind !== undefined) return kind;
  throw notADockerfile(file, whyNotDockerfileText(text) ?? "it is not one");
}

function notADockerfile(file: string, why: string): InputError {
  return new InputError(
    "ALPINIZE_PIN_UNKNOWN_KIND",
    `${escapeInline(file)}: named like a Dockerfile, but ${why}; pin cannot tell what to pin in it`,
    {
      hint: "migrate DIR and check DIR skip it too (check FILE lints it as a script when it starts #! or ends .sh, .bash or .ash). If it is a Dockerfile, start it with FROM or ARG (comments may come first) or pass --kind dockerfile; otherwise leave it out.",
      details: { file },
    },
  );
}
