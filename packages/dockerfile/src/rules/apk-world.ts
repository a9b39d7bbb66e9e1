import { type ApkChange, packageName } from "./apk-change.js";

/** Where something happened to a package: the Dockerfile line of the apk call. */
export interface ApkPlace {
  line: number;
}

/**
 * What apk has installed at one point of a build, kept the way apk keeps it: the world (the names
 * `apk add` asked for, virtual packages among them) and what each virtual package
 * (`--virtual .tmp`, `-t .tmp`) asks for. `apk del NAME` only takes NAME out of the world: a package
 * stays installed while the world or a virtual package still in it asks for it, so
 * `apk del shadow` leaves a shadow that a live `.tmp` holds, and `apk del .tmp` leaves a shadow that
 * was also added on its own. Dependencies between packages are not known.
 */
export class ApkWorld {
  private readonly world = new Set<string>();
  private readonly virtuals = new Map<string, ReadonlySet<string>>();
  /** Installed packages, each with the call that installed it. */
  private readonly since = new Map<string, ApkPlace>();
  /** Packages that were installed and are not now, each with the call that removed it. */
  private readonly gone = new Map<string, ApkPlace>();
  /** Every package an `apk add` named so far, with the first such call. */
  private readonly named = new Map<string, ApkPlace>();
  /** How many virtual packages in the world ask for each name. */
  private readonly asked = new Map<string, number>();

  /** A copy to go on from: a stage built FROM this one starts with what this one left. */
  copy(): ApkWorld {
    const next = new ApkWorld();
    for (const name of this.world) next.world.add(name);
    for (const [name, deps] of this.virtuals) next.virtuals.set(name, deps);
    for (const [name, place] of this.since) next.since.set(name, place);
    for (const [name, place] of this.gone) next.gone.set(name, place);
    for (const [name, place] of this.named) next.named.set(name, place);
    for (const [name, count] of this.asked) next.asked.set(name, count);
    return next;
  }

  has(name: string): boolean {
    return this.since.has(name);
  }

  /** Installed packages (virtual packages left out), each with the call that installed it. */
  installed(): ReadonlyMap<string, ApkPlace> {
    return this.since;
  }

  /** The `apk del` that removed a package that is not installed now, if one did. */
  removedBy(name: string): ApkPlace | undefined {
    return this.gone.get(name);
  }

  /** Every package any `apk add` so far named, also those removed again. */
  everAdded(): ReadonlyMap<string, ApkPlace> {
    return this.named;
  }

  /** `apk add [--virtual GROUP] NAMES…`: a virtual package added again asks for the new names only. */
  add(names: readonly string[], virtual: string | undefined, at: ApkPlace): void {
    for (const name of names) if (!this.named.has(name)) this.named.set(name, at);
    const touched = [...names];
    if (virtual !== undefined) {
      this.world.add(virtual);
      touched.push(virtual, ...(this.virtuals.get(virtual) ?? []));
      this.setVirtual(virtual, new Set(names));
    } else for (const name of names) this.world.add(name);
    this.settle(touched, at);
  }

  /** One `apk add`/`apk del` call as `apkChange` read it (versions and tags dropped from names). */
  apply(change: ApkChange, at: ApkPlace): void {
    if (change.verb === "del") this.del(change.words, at);
    else
      this.add(
        change.words.map(packageName).filter((n) => n !== undefined),
        change.virtual,
        at,
      );
  }

  /** `apk del NAMES…`, packages and virtual packages alike. */
  del(names: readonly string[], at: ApkPlace): void {
    const touched = [...names];
    for (const name of names) {
      this.world.delete(name);
      touched.push(...(this.virtuals.get(name) ?? []));
      this.setVirtual(name, undefined);
    }
    this.settle(touched, at);
  }

  private setVirtual(name: string, deps: ReadonlySet<string> | undefined): void {
    for (const dep of this.virtuals.get(name) ?? []) {
      const left = this.asked.get(dep)! - 1;
      if (left > 0) this.asked.set(dep, left);
      else this.asked.delete(dep);
    }
    if (deps === undefined) this.virtuals.delete(name);
    else {
      this.virtuals.set(name, deps);
      for (const dep of deps) this.asked.set(dep, (this.asked.get(dep) ?? 0) + 1);
    }
  }

  private installedNow(name: string): boolean {
    return (this.world.has(name) && !this.virtuals.has(name)) || this.asked.has(name);
  }

  /**
   * Brings `since`/`gone` up to date for the names a call can have changed: only those, as going
   * over the whole world at each call made a file of many `apk add` lines quadratic.
   */
  private settle(touched: readonly string[], at: ApkPlace): void {
    for (const name of touched) {
      if (this.installedNow(name)) {
        if (this.since.has(name)) continue;
        this.since.set(name, at);
        this.gone.delete(name);
      } else if (this.since.has(name)) {
        this.since.delete(name);
        this.gone.set(name, at);
      }
    }
  }
}
