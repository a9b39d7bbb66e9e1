import { q } from "./users-options.js";

/** busybox `addgroup [-S] [-g GID] NAME`, for groupadd and Debian's addgroup/adduser --group. */
export function addgroupCall(name: string, gid: string | undefined, system: boolean): string {
  const out = ["addgroup"];
  if (system) out.push("-S");
  if (gid !== undefined) out.push("-g", gid);
  out.push(q(name));
  return out.join(" ");
}
