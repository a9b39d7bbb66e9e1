/** A source that names one path of the context: no wildcard, variable, `..`, heredoc or remote. */
export function plainPath(source: string): boolean {
  if (source === "" || source.startsWith("<<") || source.includes("://")) return false;
  // `ADD git@github.com:o/r.git /src`: a remote, not a file of the context.
  if (/^[^/]*@[^/]*:/.test(source)) return false;
  return !/[*?[$]/.test(source) && !source.split("/").includes("..");
}
