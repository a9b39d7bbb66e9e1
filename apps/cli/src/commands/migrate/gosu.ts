import { UsageError } from "@alpinize/errors";
import { GOSU_MODES, type GosuMode } from "@alpinize/repo";
import { quoteValue } from "../../args.js";

/** `--gosu keep|su-exec`; undefined when not given (the config, else `keep`, decides). */
export function gosuFlag(value: string | undefined): GosuMode | undefined {
  if (value === undefined) return undefined;
  if ((GOSU_MODES as readonly string[]).includes(value)) return value as GosuMode;
  throw new UsageError(
    `alpinize migrate: --gosu ${quoteValue(value)}: expected ${GOSU_MODES.join(" or ")}`,
    {
      hint: "--gosu keep leaves a gosu release download as it is; --gosu su-exec installs Alpine's su-exec instead.",
    },
  );
}
