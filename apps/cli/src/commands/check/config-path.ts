import { AlpinizeError, isAlpinizeError } from "@alpinize/errors";

/**
 * Runs `load` (the settings loader, handed `--config` made absolute) so that its errors name the
 * file as the user gave it, as every other message does: `check --config nonexist.json` said
 * "config file /work/repo/nonexist.json does not exist".
 */
export async function namingConfigAsGiven<T>(
  load: () => Promise<T>,
  config: { given: string; absolute: string } | undefined,
): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (!config || config.given === config.absolute || !isAlpinizeError(err)) throw err;
    if (!err.message.includes(config.absolute)) throw err;
    const swap = (text: string) => text.split(config.absolute).join(config.given);
    const details = Object.fromEntries(
      Object.entries(err.details).map(([k, v]) => [k, typeof v === "string" ? swap(v) : v]),
    );
    throw new AlpinizeError(err.code, swap(err.message), {
      ...(err.hint === undefined ? {} : { hint: swap(err.hint) }),
      exitCode: err.exitCode,
      details,
      cause: err,
    });
  }
}
