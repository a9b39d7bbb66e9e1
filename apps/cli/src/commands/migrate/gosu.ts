import { UsageError } from "@alpinize/errors";
import { GOSU_MODES, type GosuMode } from "@alpinize/repo";
import { quoteValue } from "../../args.js";

/**
 * `--gosu keep|su-exec`; undefined when not given (the config, else `keep`, decides). `taken`:
 * the flag that took the last separate value while no Dockerfile is left, which may be a file
 * name given to --gosu as its mode (`--gosu Dockerfile`): the hint then shows where it goes.
 */
export function gosuFlag(
  value: string | undefined,
  taken?: { flag: string; value: string },
): GosuMode | undefined {
  if (value === undefined) return undefined;
  if ((GOSU_MODES as readonly string[]).includes(value)) return value as GosuMode;
  const file = taken?.flag === "gosu" ? quoteValue(value) : "FILE";
  throw new UsageError(
    `alpinize migrate: --gosu needs ${GOSU_MODES.join(" or ")}, not ${quoteValue(value)}`,
    {
      hint: `Put the mode after --gosu: alpinize migrate --gosu su-exec ${file} (keep leaves a gosu release download as it is; su-exec installs Alpine's su-exec instead).`,
    },
  );
}
