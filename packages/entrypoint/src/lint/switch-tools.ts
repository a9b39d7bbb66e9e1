import { runuserForm, setprivForm } from "../rewrite/exec-tools.js";
import type { Word } from "../shell/scan.js";

export interface SwitchFinding {
  message: string;
  fix: string;
}

const REWRITES =
  "alpinize entrypoint rewrites it to alpinize_exec_as, which runs the command with su-exec, gosu or setpriv, whichever the image has";

/** The shims are functions: behind nohup, env or timeout the rewrite cannot reach the call. */
function rewrites(wrapper: string | undefined): string {
  if (wrapper === undefined) return REWRITES;
  return `write alpinize_exec_as USER[:GROUP] ${wrapper} CMD… (the shim cannot run behind ${wrapper}), which runs it with su-exec, gosu or setpriv, whichever the image has`;
}

/**
 * runuser is not in busybox, and busybox's setpriv has no --reuid or --regid: on Alpine both
 * fail unless the image installs the runuser or setpriv package. Undefined when the call works
 * under busybox (setpriv --nnp, capabilities).
 */
export function switchToolFinding(
  name: string,
  args: Word[],
  wrapper?: string,
): SwitchFinding | undefined {
  if (name === "runuser") {
    const form = runuserForm(args);
    const missing = "runuser is not in busybox (Alpine has it in the runuser package)";
    if (form.kind === "exec-as") return { message: missing, fix: rewrites(wrapper) };
    if (form.kind === "declined")
      return {
        message: `${missing}, and this call is not rewritten: ${form.reason}`,
        fix: form.fix,
      };
    return undefined;
  }
  const form = setprivForm(args);
  const missing =
    "busybox setpriv has no --reuid, --regid, --init-groups or --clear-groups (it takes -d, --nnp and capability options)";
  if (form.kind === "exec-as") return { message: missing, fix: rewrites(wrapper) };
  if (form.kind === "declined")
    return { message: `${missing}, and this call is not rewritten: ${form.reason}`, fix: form.fix };
  if (form.missing.length === 0) return undefined;
  return {
    message: `busybox setpriv has no ${form.missing.join(", ")}`,
    fix: "keep util-linux's setpriv (apk add setpriv), or do without it",
  };
}
