import { loadRelease } from "./data.js";
import { withPrefix } from "./sorted.js";

/** The package names of one Alpine release, with origins, virtuals and the upstream join. */
export class ReleaseIndex {
  readonly release: string;
  private readonly originOf = new Map<string, string>();
  private readonly namesOf = new Map<string, string[]>();
  private readonly provides: Record<string, string[]>;
  private readonly joins: Record<string, string | [string, string]>;
  private readonly versions: Record<string, string>;

  constructor(release: string) {
    const data = loadRelease(release);
    this.release = release;
    this.provides = data.provides;
    this.joins = data.join;
    this.versions = data.versions ?? {};
    for (const [origin, [, ...short]] of Object.entries(data.origins)) {
      const names = short.map((n) => (n === "=" ? origin : n.startsWith("-") ? origin + n : n));
      this.namesOf.set(origin, names);
      for (const name of names) this.originOf.set(name, origin);
    }
  }

  /** A real package or a virtual one some package provides. */
  has(name: string): boolean {
    return this.originOf.has(name) || Object.hasOwn(this.provides, name);
  }

  isReal(name: string): boolean {
    return this.originOf.has(name);
  }

  providers(name: string): string[] {
    return Object.hasOwn(this.provides, name) ? (this.provides[name] ?? []) : [];
  }

  origin(name: string): string | undefined {
    return this.originOf.get(name) ?? this.originOf.get(this.providers(name)[0] ?? "");
  }

  isOrigin(name: string): boolean {
    return this.namesOf.has(name);
  }

  names(origin: string): string[] {
    return this.namesOf.get(origin) ?? [];
  }

  /** The release's version of a single-stream toolchain origin (`go` → "1.26.3"), when recorded. */
  version(origin: string): string | undefined {
    return Object.hasOwn(this.versions, origin) ? this.versions[origin] : undefined;
  }

  /** Alpine origin of a Debian source package, with the key that joined them. */
  joinSource(source: string): { origin: string; key: string } | undefined {
    if (this.namesOf.has(source)) return { origin: source, key: "same source name" };
    const hit = Object.hasOwn(this.joins, source) ? this.joins[source] : undefined;
    if (hit === undefined) return undefined;
    return typeof hit === "string"
      ? { origin: hit, key: "upstream name" }
      : { origin: hit[0], key: hit[1] };
  }

  private sorted: string[] | undefined;
  private buckets: Map<string, string[]> | undefined;

  /** Real names of this length starting with `first` (for the nearest-name search). */
  namesStarting(length: number, first: string): readonly string[] {
    if (!this.buckets) {
      this.buckets = new Map();
      for (const name of this.originOf.keys()) {
        const key = `${name.length}:${name[0]}`;
        const bucket = this.buckets.get(key);
        if (bucket) bucket.push(name);
        else this.buckets.set(key, [name]);
      }
    }
    return this.buckets.get(`${length}:${first}`) ?? [];
  }

  /**
   * Whether a package is a library's: named lib… or …-libs, or from an origin that builds a
   * library (named lib…, or with a -dev or -libs subpackage). `zzz` (a tool, origin zzz with
   * only zzz-doc beside it) is not.
   */
  isLibraryPackage(name: string): boolean {
    if (/^lib/.test(name) || /-libs$/.test(name)) return true;
    const origin = this.origin(name);
    if (!origin) return false;
    if (origin.startsWith("lib")) return true;
    return this.names(origin).some((n) => n.endsWith("-dev") || n.endsWith("-libs"));
  }

  /** Up to `limit` real names starting with `prefix`. */
  withPrefix(prefix: string, limit: number): string[] {
    this.sorted ??= [...this.originOf.keys()].sort();
    const out: string[] = [];
    for (const name of withPrefix(this.sorted, prefix)) {
      if (out.length >= limit) break;
      out.push(name);
    }
    return out;
  }
}

const indexes = new Map<string, ReleaseIndex>();

export function releaseIndex(release: string): ReleaseIndex {
  let index = indexes.get(release);
  if (!index) {
    index = new ReleaseIndex(release);
    indexes.set(release, index);
  }
  return index;
}
