/**
 * Debian binaries that hold files of one kind and no programs. The upstream join finds the
 * project that built them, and that project's Alpine origin is often a whole application: Debian
 * builds fonts-wine from wine, fonts-opensymbol from libreoffice, gimp-help-de from gimp's help.
 * Such a binary may only become an Alpine package of the same kind: the origin itself when it is
 * one (font-tlwg for fonts-tlwg-mono), or its subpackage for that kind (sway-wallpapers for
 * sway-backgrounds). Otherwise it stays unknown, which the caller flags, rather than installing
 * the application for a file it happens to ship.
 */
export interface DataKind {
  /** What the files are, for reasons: "fonts", "documentation". */
  what: string;
  /** Debian binary names of this kind. */
  debian: RegExp;
  /** Alpine origins that are this kind themselves. */
  alpine: RegExp;
  /** Alpine subpackage suffixes for this kind, most fitting first. */
  subs: readonly string[];
}

const DATA_KINDS: readonly DataKind[] = [
  {
    what: "fonts",
    debian: /^(?:fonts|ttf|otf)-|-fonts?$/,
    alpine: /^(?:font|ttf|otf)-|-fonts?$/,
    subs: ["-fonts", "-font"],
  },
  { what: "documentation", debian: /-(?:docs?|manual)$/, alpine: /-docs?$/, subs: ["-doc"] },
  // gimp-help-de, gimp-help-pt-br: the user manual, which Alpine's -doc (man pages) is not.
  {
    what: "help pages",
    debian: /-help(?:-[a-z]{2,3}(?:-[a-z]{2,4})?)?$/,
    alpine: /-help$/,
    subs: ["-help"],
  },
  { what: "examples", debian: /-examples?$/, alpine: /-examples?$/, subs: ["-examples"] },
  {
    what: "music and sounds",
    debian: /-(?:music|sounds?)$/,
    alpine: /-(?:music|sounds?)$/,
    subs: ["-music", "-sounds"],
  },
  {
    what: "backgrounds",
    debian: /-(?:backgrounds?|wallpapers?)$/,
    alpine: /(?:backgrounds?|wallpapers?)$/,
    subs: ["-wallpapers", "-backgrounds"],
  },
  {
    what: "icons or themes",
    debian: /-(?:icons?|icon-theme|cursor-theme|gtk-theme|themes?)$/,
    alpine: /icons?|themes?|cursors?|gtk/,
    subs: ["-themes", "-icons", "-cursors"],
  },
  {
    what: "test data",
    debian: /-(?:smoke)?test(?:ing|s)?(?:-data)?$/,
    alpine: /-tests?$/,
    subs: ["-tests", "-test"],
  },
  { what: "development files", debian: /-dev-common$/, alpine: /-dev$/, subs: ["-dev"] },
];

/** The kind of a Debian binary with no programs, by its name; undefined for any other. */
export function dataKind(name: string, commands: readonly string[]): DataKind | undefined {
  if (commands.length > 0) return undefined;
  return DATA_KINDS.find((k) => k.debian.test(name));
}
