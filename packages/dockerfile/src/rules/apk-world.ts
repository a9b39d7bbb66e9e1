import { type ApkChange, packageName } from "./apk-change.js";
import { Layer } from "./world-layer.js";

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
  private layers: Layers = {
    world: Layer.root(),
    virtuals: Layer.root(),
    since: Layer.root(),
    gone: Layer.root(),
    named: Layer.root(),
    asked: Layer.root(),
  };

  /** A copy to go on from: a stage built FROM this one starts with what this one left. */
  copy(): ApkWorld {
    return this.derived((layer) => layer.copy());
  }

  /**
   * A world that starts as this one and holds only what changes in it, reading the rest through
   * this one: made in constant time, where a copy takes time in the size of the world (each
   * conditional stretch of a RUN is one, and a RUN may open thousands). It reads as a copy made
   * now, also while this world changes, until this world is forked again; from then on it
   * follows what this world changes.
   */
  fork(): ApkWorld {
    return this.derived((layer) => layer.fork());
  }

  private derived(next: <T>(layer: Layer<T>) => Layer<T>): ApkWorld {
    const l = this.layers;
    const world = new ApkWorld();
    world.layers = {
      world: next(l.world),
      virtuals: next(l.virtuals),
      since: next(l.since),
      gone: next(l.gone),
      named: next(l.named),
      asked: next(l.asked),
    };
    return world;
  }

  has(name: string): boolean {
    return this.layers.since.has(name);
  }

  /** Installed packages (virtual packages left out), each with the call that installed it. */
  installed(): ReadonlyMap<string, ApkPlace> {
    return this.layers.since.asMap();
  }

  /** The `apk del` that removed a package that is not installed now, if one did. */
  removedBy(name: string): ApkPlace | undefined {
    return this.layers.gone.get(name);
  }

  /** Every package any `apk add` so far named, also those removed again. */
  everAdded(): ReadonlyMap<string, ApkPlace> {
    return this.layers.named.asMap();
  }

  /** `apk add [--virtual GROUP] NAMES…`: a virtual package added again asks for the new names only. */
  add(names: readonly string[], virtual: string | undefined, at: ApkPlace): void {
    for (const name of names) if (!this.layers.named.has(name)) this.layers.named.set(name, at);
    const touched = [...names];
    if (virtual !== undefined) {
      this.layers.world.set(virtual, true);
      touched.push(virtual, ...(this.layers.virtuals.get(virtual) ?? []));
      this.setVirtual(virtual, new Set(names));
    } else for (const name of names) this.layers.world.set(name, true);
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
      this.layers.world.delete(name);
      touched.push(...(this.layers.virtuals.get(name) ?? []));
      this.setVirtual(name, undefined);
    }
    this.settle(touched, at);
  }

  private setVirtual(name: string, deps: ReadonlySet<string> | undefined): void {
    for (const dep of this.layers.virtuals.get(name) ?? []) {
      const left = this.layers.asked.get(dep)! - 1;
      if (left > 0) this.layers.asked.set(dep, left);
      else this.layers.asked.delete(dep);
    }
    if (deps === undefined) this.layers.virtuals.delete(name);
    else {
      this.layers.virtuals.set(name, deps);
      for (const dep of deps) this.layers.asked.set(dep, (this.layers.asked.get(dep) ?? 0) + 1);
    }
  }

  private installedNow(name: string): boolean {
    return (
      (this.layers.world.has(name) && !this.layers.virtuals.has(name)) ||
      this.layers.asked.has(name)
    );
  }

  /**
   * Brings `since`/`gone` up to date for the names a call can have changed: only those, as going
   * over the whole world at each call made a file of many `apk add` lines quadratic.
   */
  private settle(touched: readonly string[], at: ApkPlace): void {
    for (const name of touched) {
      if (this.installedNow(name)) {
        if (this.layers.since.has(name)) continue;
        this.layers.since.set(name, at);
        this.layers.gone.delete(name);
      } else if (this.layers.since.has(name)) {
        this.layers.since.delete(name);
        this.layers.gone.set(name, at);
      }
    }
  }
}

/**
 * The world (the names `apk add` asked for, virtual packages among them), what each virtual
 * package asks for, and the bookkeeping of ApkWorld, each a Layer so that a world can be forked.
 */
interface Layers {
  world: Layer<true>;
  virtuals: Layer<ReadonlySet<string>>;
  /** Installed packages, each with the call that installed it. */
  since: Layer<ApkPlace>;
  /** Packages that were installed and are not now, each with the call that removed it. */
  gone: Layer<ApkPlace>;
  /** Every package an `apk add` named so far, with the first such call. */
  named: Layer<ApkPlace>;
  /** How many virtual packages in the world ask for each name. */
  asked: Layer<number>;
}
