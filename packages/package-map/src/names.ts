// Debian policy §5.6.1: lower case letters, digits, + - . ; at least two characters, starting
// alphanumerically. An `:arch` qualifier is accepted on input and dropped.
const DEBIAN_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

/** Longer than any name in Debian's archive; bounds untrusted input before any lookup. */
const MAX_NAME = 128;

export function isDebianPackageName(name: string): boolean {
  return name.length <= MAX_NAME && DEBIAN_NAME.test(stripArch(name));
}

export function stripArch(name: string): string {
  const i = name.indexOf(":");
  return i > 0 ? name.slice(0, i) : name;
}

/**
 * A Debian spelling that means another Debian name on Alpine: trixie's and noble's 64-bit
 * time_t renames (libssl3t64), and Python packages pinned to a minor (python3.12-venv), since
 * Alpine ships one python3.
 */
export function aliasOf(
  name: string,
):
  | { name: string; layer: string; why: string; version?: { family: string; from: string } }
  | undefined {
  const t64 = /^(lib.+?)t64$/.exec(name)?.[1];
  if (t64) return { name: t64, layer: "t64", why: `${name} is ${t64} renamed for 64-bit time_t` };
  const ruby = /^ruby(\d\.\d+)(-dev|-doc)?$/.exec(name);
  if (ruby) {
    const plain = `ruby${ruby[2] ?? ""}`;
    return {
      name: plain,
      layer: "versioned",
      why: `Alpine has one ruby; ${name} is ${plain} there`,
      version: { family: "ruby", from: ruby[1]! },
    };
  }
  const py = /^python(3\.\d+)(-[a-z0-9-]+)?$/.exec(name);
  if (py) {
    const plain = `python3${py[2] ?? ""}`;
    return {
      name: plain,
      layer: "versioned",
      why: `Alpine has one python3; ${name} is ${plain} there`,
      version: { family: "python", from: py[1]! },
    };
  }
  return undefined;
}

export function isLibraryName(name: string): boolean {
  return (
    /^lib/.test(name) &&
    !/-(dev|doc|bin|utils|tools|common|data|perl|java|ocaml)$/.test(name) &&
    /(\d|t64|[-.]\d+[a-z]?)$/.test(name)
  );
}

/** `libsqlite3-0` → `libsqlite3`, `libglib2.0-0` → `libglib2.0`, `libicu72` → `libicu`: shorter first. */
export function libraryStems(name: string): string[] {
  const out: string[] = [];
  let current = name.replace(/t64$/, "");
  for (let i = 0; i < 4; i++) {
    const next = current.replace(/(-\d[\d.]*[a-z]?|\d[\d.]*[a-z]?|-?(c2|v5|gf|ldbl)|\.\d+)$/, "");
    if (next === current || next.length < 4) break;
    out.push(next);
    // Alpine spells a versioned library with a hyphen: libatk-bridge2.0-0 → libatk-bridge-2.0.
    const hyphen = /^(lib.*[a-z])(\d+\.\d+)$/.exec(next);
    if (hyphen) out.push(`${hyphen[1]}-${hyphen[2]}`);
    current = next;
  }
  return out;
}
