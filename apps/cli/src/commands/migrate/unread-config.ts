import { existsSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_FILE } from "@alpinize/repo";
import type { Io } from "../../io.js";

/**
 * `migrate FILE` takes no settings file (`--config` is refused with a FILE); one in the working
 * directory, which `check FILE` and `migrate DIR` read, would otherwise look applied. Said once,
 * on stderr: --json's document has no place for notes.
 */
export function warnUnreadConfig(io: Io): void {
  if (!existsSync(join(io.cwd, CONFIG_FILE))) return;
  io.warn(
    `${CONFIG_FILE} here is not read by alpinize migrate FILE (alpinize check and migrate DIR read it): its settings (alpine, packages.overrides, images.ignore, migrate.gosu) do not apply to this run; run alpinize migrate on the folder to use them, or pass --alpine and --gosu`,
  );
}
