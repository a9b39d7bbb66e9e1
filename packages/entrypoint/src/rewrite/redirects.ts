import { literal, type Redirect } from "../shell/scan.js";

/**
 * Where each file descriptor points once a command's redirections are done, in the terms the
 * rewrite needs: `file:PATH` (PATH as written, `?` when not a literal), `fd:N` (the descriptor N
 * the command was started with), `here` (a here-document or here-string), `closed`, or `?`.
 */
export function finalDescriptors(redirects: readonly Redirect[]): Map<number, string> {
  const fds = new Map<number, string>();
  const at = (fd: number) => fds.get(fd) ?? `fd:${fd}`;
  for (const r of redirects) {
    const m = /^(\d*)(.*)$/.exec(r.op)!;
    const kind = m[2]!;
    const target = r.target ? literal(r.target.text) : undefined;
    const fd = m[1] ? Number(m[1]) : kind.startsWith("<") ? 0 : 1;
    if (kind === "&>" || kind === "&>>") {
      const file = `file:${target ?? "?"}`;
      fds.set(1, file).set(2, file);
    } else if (kind === ">&" || kind === "<&") {
      if (target !== undefined && /^\d+$/.test(target)) fds.set(fd, at(Number(target)));
      else if (target === "-") fds.set(fd, "closed");
      // bash's `>&FILE` sends stdout and stderr to FILE, as `&>FILE` does.
      else if (!m[1] && kind === ">&" && target !== undefined) {
        fds.set(1, `file:${target}`).set(2, `file:${target}`);
      } else fds.set(fd, "?");
    } else if (kind.startsWith("<<")) fds.set(fd, "here");
    else fds.set(fd, `file:${target ?? "?"}`);
  }
  return fds;
}

/** Whether the command's stdout ends at /dev/null, so nothing it prints there is seen. */
export function stdoutDiscarded(redirects: readonly Redirect[]): boolean {
  return finalDescriptors(redirects).get(1) === "file:/dev/null";
}

/** The descriptor a captured call parks the `$( )` pipe on while the user's redirections run. */
const SPARE_FD = 9;

/**
 * The redirections to write inside `v=$(CALL …)` so that they do what they did on the original
 * command while stdout still reaches the capture; undefined when that cannot be written.
 * Without a redirection of stdout they go in as written. With one (`>/dev/null 2>&1`, `>log`),
 * the pipe is parked on a spare descriptor around them and put back as stdout afterwards. A
 * redirection that copies the original stdout to another descriptor (`2>&1` before any `>`)
 * would send that descriptor into the capture: the call's messages would become the name.
 */
export function captureRedirects(redirects: readonly Redirect[], text: string): string | undefined {
  const written = redirects.map((r) => text.slice(r.start, r.end));
  const final = finalDescriptors(redirects);
  const opens = (r: Redirect) => (/^\d+/.exec(r.op)?.[0] ?? "") === String(SPARE_FD);
  if (redirects.some((r) => r.op.includes("<<") && !r.op.endsWith("<<<"))) return undefined;
  if ([...final].some(([fd, to]) => to === "?" || (fd !== 1 && to === "fd:1"))) return undefined;
  if (redirects.some((r) => opens(r) || literal(r.target?.text ?? "") === String(SPARE_FD)))
    return undefined;
  if (!final.has(1)) return written.map((w) => ` ${w}`).join("");
  const parked = [`${SPARE_FD}>&1`, ...written, `>&${SPARE_FD}`, `${SPARE_FD}>&-`];
  return parked.map((w) => ` ${w}`).join("");
}
