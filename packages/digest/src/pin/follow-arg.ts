import type { ArgDefault, Instruction } from "@alpinize/dockerfile";
import type { LocatedReference } from "./located.js";

/** What a `${X}` standing for a whole FROM image or COPY --from value comes to. */
export type Followed =
  /** The global ARG whose default is the image: pinned there. */
  | { kind: "arg"; arg: ArgDefault }
  /** A stage (by name, or by index in COPY --from) or scratch: no image to pin. */
  | { kind: "none" }
  | { kind: "skip"; reason: string };

/** `$X` or `${X}` as the whole word → `X` (`${X` or `$X}` are not whole variables). */
export function wholeVariable(word: string): string | undefined {
  const m = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/.exec(word);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The form every builder reads, and pin with it: a stage on the global ARG, copied by name. */
const stageForm = (name: string) =>
  `name a stage for it (FROM \${${name}} AS <stage>, then COPY --from=<stage>); pin pins that ARG default`;

const NO_EXPANSION = "Docker's BuildKit does not expand variables in --from";

/**
 * The warning on a `COPY --from=${X}` that pin follows to the global ARG (pinned there, or a
 * stage or scratch): podman and buildah expand it, Docker's BuildKit refuses the line. It is
 * advice, not a skip: the image is pinned where it is written, so `pin --check` passes.
 */
export function copyFromVariableWarning(
  written: string,
  name: string,
  stageNames: ReadonlySet<string>,
  arg?: { line: number },
): string {
  const stage = freeStageName(name, stageNames);
  const pinned = arg ? `; pin pins ARG ${name} (line ${arg.line}) for both` : "";
  return `Docker's BuildKit refuses a variable in COPY --from ("variable expansion is not supported for --from"; podman and buildah expand it): for Docker, add a stage FROM \${${name}} AS ${stage} before this one and write COPY --from=${stage} instead of --from=${written}${pinned}`;
}

/** A stage name for `${X}` (TOOLS_IMAGE → tools) that no stage of the file has yet. */
function freeStageName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/_?image$/, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "src";
  let stage = base;
  for (let i = 2; taken.has(stage); i++) stage = `${base}-${i}`;
  return stage;
}

/** A COPY --from value built from variables (`tools:${TAG}`, `${REG}/tools:2`). */
export const COPY_VARIABLE_REASON = `a --from value built from variables cannot take a digest, and ${NO_EXPANSION}: put the whole reference in an ARG before the first FROM (ARG TOOLS_IMAGE=reg.example/tools:2) and ${stageForm("TOOLS_IMAGE")}`;

/**
 * The global ARGs (declared before the first FROM) a FROM or COPY --from names, with pin's
 * reading of them: one ARG default is located once, however many FROM and COPY lines use it.
 */
export class GlobalArgs {
  private readonly byName = new Map<string, ArgDefault>();
  private readonly located = new Set<number>();

  constructor(
    args: readonly ArgDefault[],
    /** Every stage name of the file, in lower case. */
    private readonly stageNames: ReadonlySet<string>,
    private readonly lineOf: (offset: number) => number,
  ) {
    // A name declared twice keeps its last default, as BuildKit (and @alpinize/dockerfile) read it.
    for (const arg of args) this.byName.set(arg.name, arg);
  }

  /** Notes an ARG default located already (one a `FROM ${X}` uses): it is not listed again. */
  claim(start: number): void {
    this.located.add(start);
  }

  /** The reference to pin for this ARG's default; undefined once it has been located. */
  locate(arg: ArgDefault): LocatedReference | undefined {
    if (this.located.has(arg.start)) return undefined;
    this.located.add(arg.start);
    return {
      reference: arg.value,
      start: arg.start,
      end: arg.end,
      line: this.lineOf(arg.start),
      where: `ARG ${arg.name}`,
    };
  }

  /**
   * What `${name}` is in a FROM image or a COPY --from value. A stage's own ARG of that name
   * (`local`, COPY only) is not followed: Docker's BuildKit expands no variable in --from, and
   * podman reads the stage's value where one is set there.
   */
  follow(name: string, use: "FROM" | "COPY --from", local?: Instruction): Followed {
    const copy = use === "COPY --from";
    const buildKit = copy ? `, and ${NO_EXPANSION}` : "";
    const fix = copy ? ` and ${stageForm(name)}` : "; pin pins ARG defaults";
    if (local) {
      return {
        kind: "skip",
        reason: `it takes ARG ${name} from this stage (line ${local.line}), which pin does not follow${buildKit}: declare ARG ${name}=<image> before the first FROM instead${fix}`,
      };
    }
    const arg = this.byName.get(name);
    if (!arg || arg.value === "") {
      return {
        kind: "skip",
        reason: `no ARG before the first FROM gives ${name} a default to pin${buildKit}: declare ARG ${name}=<image> there${fix}`,
      };
    }
    if (arg.value.includes("$")) {
      return {
        kind: "skip",
        reason: `the default of ARG ${name} (line ${this.lineOf(arg.start)}) holds a variable, so no digest can be written into it${buildKit}: write the whole reference there${fix}`,
      };
    }
    const lower = arg.value.toLowerCase();
    if (this.stageNames.has(lower) || lower === "scratch" || (copy && /^\d+$/.test(lower))) {
      return { kind: "none" };
    }
    return { kind: "arg", arg };
  }
}

/**
 * The ARG names the current stage declares with a value, as COPY instructions are met in file
 * order: a stage's `ARG X=…` before a `COPY --from=${X}` sets what podman reads there. `ARG X`
 * alone keeps the global default. A quoted value holding ` X=` is taken for a declaration too,
 * which only makes pin skip (not pin) that COPY.
 */
export class StageArgs {
  private declared = new Map<string, Instruction>();

  /** Call for every instruction of the file, in order. */
  see(ins: Instruction): void {
    if (ins.keyword === "FROM") this.declared = new Map();
    if (ins.keyword !== "ARG") return;
    for (const word of ins.args.text.split(/\s+/)) {
      const eq = word.indexOf("=");
      if (eq > 0 && !this.declared.has(word.slice(0, eq))) {
        this.declared.set(word.slice(0, eq), ins);
      }
    }
  }

  get(name: string): Instruction | undefined {
    return this.declared.get(name);
  }
}
