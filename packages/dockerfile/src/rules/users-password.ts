import type { ScriptScope } from "./scope.js";
import { optionValue, type Parsed, q } from "./users-options.js";

/**
 * `useradd -p HASH`: busybox adduser takes no hash, but its chpasswd -e writes one into
 * /etc/shadow as given. Returns the ` && … | chpasswd -e` step to append, or "".
 */
export function passwordStep(
  scope: ScriptScope,
  at: number,
  name: string,
  options: Parsed["options"],
): string {
  const hash = optionValue(options, "-p");
  if (options.has("-p") && !hash)
    scope.warn("users", at, "useradd -p without a readable hash; dropped: set it with chpasswd -e");
  return hash ? ` && printf '%s:%s\\n' ${q(name)} ${q(hash)} | chpasswd -e` : "";
}
