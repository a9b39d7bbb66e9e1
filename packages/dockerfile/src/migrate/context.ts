import type { PackageMap } from "@alpinize/package-map";
import type { Edit, RuleId } from "../edits.js";
import { lineFinder } from "../images.js";
import type { Instruction, ParsedDockerfile } from "../parse/types.js";
import { PackageDecisionBudget } from "../rules/package-limit.js";
import type { ShellSource } from "../shell/source.js";
import type { ArgDefault } from "../stages.js";
import { boundedMessage } from "./bounded-message.js";
import type { AccountLogEntry, OutsideContextFile, RunShell } from "./context-records.js";
import type { ContextFileRead, ImageChange, MigrateWarning, PackageRecord } from "./types.js";

/** Everything the rules write into while they walk one Dockerfile. */
export class MigrationContext {
  readonly edits: Edit[] = [];
  readonly warnings: MigrateWarning[] = [];
  readonly packages: PackageRecord[] = [];
  readonly images: ImageChange[] = [];
  private readonly lineOf: (offset: number) => number;
  private readonly warned = new Set<string>();
  /**
   * Each distinct warning text, bounded, and its number: warnings repeated on many lines (one per
   * rewritten echo of a 200,000-line RUN) share one string, and `warn` keys them by the number.
   */
  private readonly texts = new Map<string, number>();
  private readonly textList: string[] = [];
  /** Keys in the order `warned` got them, so a checkpoint undoes its own (no copy per checkpoint). */
  private readonly warnedLog: string[] = [];
  /** `createdGroups` changes in order, with what each name held before, for the same reason. */
  private readonly groupLog: { name: string; had: boolean; gid: string | undefined }[] = [];
  /** Parsed RUN scripts (or the reason they do not parse), shared by the rules. */
  readonly scripts = new Map<Instruction, ShellSource[] | Error>();
  /** What to do with a RUN that only downloads gosu (see `MigrateOptions.gosuDownload`). */
  gosuDownload: "keep" | "su-exec" = "keep";
  /** Copied scripts are migrated with this file (see `MigrateOptions.migratesScripts`). */
  migratesScripts = false;
  /** The package-map decisions left for this file: past them it is refused, not run out of heap. */
  packageBudget = new PackageDecisionBudget("Dockerfile");
  /** Groups the file creates (groupadd/addgroup), name → GID if given: adduser -G needs names. */
  readonly createdGroups: ReadonlyMap<string, string | undefined> = new Map();
  /** Package installs and accounts made, in build order: the IDs busybox picks follow from them. */
  readonly accountLog: AccountLogEntry[] = [];
  /** The ARG defaults declared before the first FROM (what `FROM image:${TAG}` reads). */
  globalArgs: readonly ArgDefault[] = [];
  /** Packages each converted stage installs for good, for the stages built FROM it. */
  readonly lastingByStage = new Map<number, ReadonlySet<string>>();
  /** The Debian names each converted stage (and its parents) installed: tini, gosu for children. */
  readonly debianByStage = new Map<number, ReadonlySet<string>>();
  /** What runs the RUN lines at the end of each converted stage, for the stages built FROM it. */
  readonly shellByStage = new Map<number, RunShell>();
  /**
   * Build-context files the reader refused as links out of the context, by COPY and source: a
   * fact about the file, so a checkpoint does not take it back (warned at by flagContextLinks).
   */
  readonly outsideContext = new Map<string, OutsideContextFile>();

  constructor(
    readonly doc: ParsedDockerfile,
    private map: PackageMap,
    private target: string,
    readonly readContextFile?: (path: string) => ContextFileRead,
  ) {
    this.lineOf = lineFinder(doc.lineStarts);
  }

  /** The package map of the release the stage being converted is judged against. */
  get packageMap(): PackageMap {
    return this.map;
  }

  /** That release: the target, or the one an Alpine stage's own tag names (inRelease). */
  get release(): string {
    return this.target;
  }

  /**
   * Runs `work` with `release` and its package map in place of the target's: a stage already on
   * `python:3.12-alpine3.21` installs 3.21's names, as `alpinize check` judges them.
   */
  inRelease<T>(release: string, map: PackageMap, work: () => T): T {
    const saved = [this.map, this.target] as const;
    this.map = map;
    this.target = release;
    try {
      return work();
    } finally {
      [this.map, this.target] = saved;
    }
  }

  get text(): string {
    return this.doc.text;
  }

  edit(rule: RuleId, start: number, end: number, text: string, last = false): void {
    if (start === end && text === "") return;
    if (this.doc.text.slice(start, end) === text) return;
    this.edits.push(last ? { rule, start, end, text, last } : { rule, start, end, text });
  }

  /** Removes an instruction's whole lines (its newline included). */
  deleteInstruction(ins: Instruction, rule: RuleId): void {
    const text = this.doc.text;
    const start = text.lastIndexOf("\n", ins.start - 1) + 1;
    const nl = text.indexOf("\n", ins.end);
    this.edit(rule, start, nl === -1 ? text.length : nl + 1, "");
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.doc.lineStarts[line - 1]! + 1 };
  }

  line(offset: number): number {
    return this.lineOf(offset);
  }

  /** Returns a function that puts every list back as it is now (a tentative change abandoned). */
  checkpoint(): () => void {
    const lists = [this.edits, this.warnings, this.packages, this.images, this.accountLog];
    const lengths = lists.map((l) => l.length);
    const warnedAt = this.warnedLog.length;
    const groupsAt = this.groupLog.length;
    return () => {
      lists.forEach((l, i) => {
        l.length = lengths[i]!;
      });
      for (const key of this.warnedLog.splice(warnedAt)) this.warned.delete(key);
      const groups = this.createdGroups as Map<string, string | undefined>;
      for (const change of this.groupLog.splice(groupsAt).reverse()) {
        if (change.had) groups.set(change.name, change.gid);
        else groups.delete(change.name);
      }
    };
  }

  /** Notes a group the file creates (undone by a checkpoint's restore). */
  setCreatedGroup(name: string, gid: string | undefined): void {
    const groups = this.createdGroups as Map<string, string | undefined>;
    this.groupLog.push({ name, had: groups.has(name), gid: groups.get(name) });
    groups.set(name, gid);
  }

  private markWarned(key: string): boolean {
    if (this.warned.has(key)) return false;
    this.warned.add(key);
    this.warnedLog.push(key);
    return true;
  }

  warn(rule: RuleId, offset: number, message: string): void {
    const id = this.textId(message);
    this.give(`${rule}:${this.lineOf(offset)}:#${id}`, rule, offset, this.textList[id]!);
  }

  /** A warning given once per file for `key` (a registry variable, a version change). */
  /** True the first time `key` is seen in this file (shares `warnOnce`'s keys and checkpoints). */
  firstTime(key: string): boolean {
    return this.markWarned(key);
  }

  warnOnce(key: string, rule: RuleId, offset: number, message: string): boolean {
    return this.give(key, rule, offset, this.textList[this.textId(message)]!);
  }

  private give(key: string, rule: RuleId, offset: number, text: string): boolean {
    if (!this.markWarned(key)) return false;
    this.warnings.push({ rule, message: text, offset, ...this.position(offset) });
    return true;
  }

  /** The number of a warning's text. Rules quote the file as they find it: bounded here. */
  private textId(message: string): number {
    const text = boundedMessage(message);
    let id = this.texts.get(text);
    if (id === undefined) {
      id = this.textList.push(text) - 1;
      this.texts.set(text, id);
    }
    return id;
  }
}
