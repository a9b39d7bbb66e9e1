// Upstream identity keys shared by both distributions: a normalised homepage and a project name
// read from a source URL. Both sides are noisy, so a key only joins when it names one origin.

export function normaliseUrl(url) {
  if (!url) return "";
  const m = /^[a-z+]+:\/\/(?:www\.)?([^/?#]+)([^?#]*)/i.exec(url.trim());
  if (!m?.[1]) return "";
  const path = (m[2] ?? "").replace(/\/(index\.html?)?$/i, "").replace(/\.git$/, "");
  return `${m[1].toLowerCase()}${path.toLowerCase()}`;
}

/** The project name a download URL is about: a forge's repo, else the tarball's stem. */
export function projectFromSource(url) {
  if (!url) return "";
  const forge =
    /^https?:\/\/(?:github\.com|gitlab\.com|codeberg\.org|gitlab\.[^/]+)\/[^/]+\/([^/]+)/i.exec(
      url,
    );
  if (forge?.[1]) return stemName(forge[1]);
  const file = url.split(/[/?#]/).filter(Boolean).pop() ?? "";
  return stemName(
    file.replace(/\.(tar\.\w+|tgz|zip|tbz2?)$/i, "").replace(/[-_]v?\d[\w.+~-]*$/, ""),
  );
}

/** Strip a version suffix so `postgresql-15`, `postgresql18`, `boost1.84` meet. */
export function stemName(name) {
  return name
    .toLowerCase()
    .replace(/[-_.]?\d+(\.\d+)*$/, "")
    .replace(/\.git$/, "");
}
