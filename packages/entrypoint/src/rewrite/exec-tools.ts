/**
 * What a util-linux `runuser` or `setpriv` call means, read so that a call meaning "run this
 * command as USER[:GROUP]" can become `alpinize_exec_as` (see switch-form.ts for the forms).
 */
export { runuserForm } from "./runuser.js";
export { setprivForm } from "./setpriv.js";
export type { SwitchForm } from "./switch-form.js";
