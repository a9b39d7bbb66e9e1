import { type Copy, landingPath } from "../discover/scripts.js";
import { withoutTrailingSlashes } from "../dockerfile/trailing-slashes.js";

/** Newest first: the COPY that last put a file somewhere is the one a RUN finds there. */
export type Copies = { copy: Copy; older: Copies } | undefined;

/** One source of one COPY: `place` orders the COPYs (newer is larger), `at` its sources. */
export interface CopiedSource {
  place: number;
  at: number;
  copy: Copy;
  source: string;
}

/**
 * The COPY sources of one list of COPYs that could have put a file at a path: those that land
 * there as a file, and those whose destination is a folder above it (a copied folder). Every
 * command of every RUN asks where its program came from; walking all the COPYs before it each
 * time made a stage of many COPY and RUN lines quadratic. The index follows the list a stage's
 * RUN lines ask about as it grows by one COPY at a time, and is read again for another list
 * (the next stage's).
 */
export class CopyIndex {
  private head: Copies;
  private size = 0;
  private readonly byLanding = new Map<string, CopiedSource[]>();
  private readonly byFolder = new Map<string, CopiedSource[]>();

  /**
   * The sources of `copies` that may land on one of `targets`, newest COPY first and each COPY's
   * sources in order; `folders`: also those whose destination folder holds a target.
   */
  candidates(copies: Copies, targets: readonly string[], folders: boolean): CopiedSource[] {
    this.follow(copies);
    const found = new Map<string, CopiedSource>();
    const take = (list: CopiedSource[] | undefined) => {
      for (const c of list ?? []) found.set(`${c.place} ${c.at}`, c);
    };
    for (const target of targets) {
      take(this.byLanding.get(target));
      if (!folders) continue;
      // Every folder whose `${folder}/` starts the target ("" for a COPY to /).
      for (let i = target.indexOf("/"); i >= 0; i = target.indexOf("/", i + 1))
        take(this.byFolder.get(target.slice(0, i)));
    }
    return [...found.values()].sort((a, b) => b.place - a.place || a.at - b.at);
  }

  /** Makes the index that of `copies`: the COPYs added since, or all of them for another list. */
  private follow(copies: Copies): void {
    if (copies === this.head) return;
    const added: Copy[] = [];
    let node = copies;
    for (; node !== undefined && node !== this.head; node = node.older) added.push(node.copy);
    if (node !== this.head) {
      // Not the list the index holds grown: start again from its oldest COPY.
      this.byLanding.clear();
      this.byFolder.clear();
      this.size = 0;
    }
    for (const copy of added.reverse()) this.add(copy);
    this.head = copies;
  }

  private add(copy: Copy): void {
    const place = this.size++;
    const folder = withoutTrailingSlashes(copy.destination);
    copy.sources.forEach((source, at) => {
      const entry = { place, at, copy, source };
      push(this.byLanding, landingPath(copy, source), entry);
      push(this.byFolder, folder, entry);
    });
  }
}

function push(map: Map<string, CopiedSource[]>, key: string, entry: CopiedSource): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}
