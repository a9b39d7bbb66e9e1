/**
 * Which Alpine packages put the GNU (or util-linux, procps) version of a tool in front of
 * busybox's applet: @alpinize/busybox's table, where every alpinize package reads it.
 */
export { hasGnuTool } from "@alpinize/busybox";

/**
 * The tool a `gnu-option` finding of the entrypoint lint is about, for findings that arrive as
 * text only (a lint passed in as a transform): each such message reads "busybox TOOL …".
 */
export function gnuOptionTool(message: string): string | undefined {
  return /^busybox (\S+) /.exec(message)?.[1];
}
