/** How many distinct unknown names one package map runs the typo search for, by default. */
export const TYPO_SEARCH_LIMIT = 2_000;

/**
 * The typo searches of one package map. A search compares the name with thousands of Alpine
 * names (up to about 0.7 ms for a `python3-…` name), so an `apt-get install` of hundreds of
 * thousands of unknown names would take minutes: each name is searched once, and only the first
 * `limit` distinct names are; later ones get no typo candidates (the reason says so).
 */
export class TypoSearches {
  private readonly done = new Map<string, string[]>();

  constructor(private readonly limit: number = TYPO_SEARCH_LIMIT) {}

  /** Why a name got no typo search, for its reason. */
  limitText(): string {
    return `this package map searches the first ${this.limit.toLocaleString("en-US")} distinct unknown names only`;
  }

  /** The candidates for `name`, or undefined once the limit is spent on other names. */
  candidates(name: string, search: (name: string) => string[]): string[] | undefined {
    const known = this.done.get(name);
    if (known) return known;
    if (this.done.size >= this.limit) return undefined;
    const found = search(name);
    this.done.set(name, found);
    return found;
  }
}
