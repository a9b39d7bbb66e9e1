import type { MigrationContext } from "../migrate/context.js";
import { splitWords } from "../parse/logical.js";
import type { Instruction } from "../parse/types.js";
import { rootStage, type Stage } from "../stages.js";
import { baseRepository } from "./base-image.js";
import { addPackage } from "./place.js";
import type { StageState } from "./scope.js";
import type { StageInfo } from "./stage-info.js";
import { stageTree } from "./stage-tree.js";

const VARIABLE = "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT";

/** .NET reads "false" or "0" (any case) as globalization on; ICU must then load. */
const OFF = /^(?:false|0)$/i;

/** What a .NET app that turns globalization on gets, with the Debian package that had it. */
const GLOBALIZATION: readonly { pkg: string; debian: string; why: string }[] = [
  {
    pkg: "icu-libs",
    debian: "libicuNN",
    why: "ICU, which .NET loads at startup when invariant mode is off",
  },
  {
    pkg: "icu-data-full",
    debian: "libicuNN",
    why: "the locales beyond English (icu-libs alone pulls in icu-data-en: en_US/en_GB only)",
  },
  {
    pkg: "tzdata",
    debian: "tzdata",
    why: "the time zone database TimeZoneInfo reads (FindSystemTimeZoneById throws without it)",
  },
];

/**
 * Rule `from` (what the variant ships): the Debian .NET aspnet, runtime and runtime-deps images
 * ship ICU and tzdata; their -alpine tags have neither and set DOTNET_SYSTEM_GLOBALIZATION_INVARIANT
 * =true (dotnet-docker's enable-globalization.md and image-variants.md). A stage whose ENV (its
 * own, else the stages it is built FROM) turns invariant mode off gets icu-libs, icu-data-full and
 * tzdata: without ICU the runtime stops at startup. An image that leaves it unset (a stage nothing
 * is built FROM) gets a warning at the FROM that it now runs invariant: culture-aware formatting
 * and sorting change, and time zones are gone.
 */
export function addDotnetGlobalization(
  ctx: MigrationContext,
  state: StageState,
  all: readonly StageInfo[],
): void {
  const info = state.info;
  if (!info.alpine || info.already) return;
  const root = rootStage(info.stage);
  const tree = stageTree(ctx, all);
  if (tree.infoOf(root)?.invariantGlobalization !== true) return;
  const image = baseRepository(ctx, info.stage)?.replace(/^.*\//, "") ?? "runtime";
  const set = invariantSetting(info.stage);
  if (set && OFF.test(set.value)) addIcu(ctx, state, set, image);
  else if (!set && !tree.hasChildren(info))
    ctx.warn("from", root.imageStart, invariantWarning(image, state.lasting.has("tzdata")));
}

interface Setting {
  value: string;
  ins: Instruction;
}

/** Each stage's answer of `invariantSetting` (null: none), so a chain is read once, not per stage. */
const settings = new WeakMap<Stage, Setting | null>();

/** The value the stage's environment gives the variable: its own last ENV, else its parents'. */
function invariantSetting(stage: Stage): Setting | undefined {
  const path: Stage[] = [];
  let found: Setting | null | undefined;
  for (let s: Stage | undefined = stage; s && found === undefined; s = s.parent) {
    found = settings.has(s) ? settings.get(s) : ownSetting(s);
    path.push(s);
  }
  // Past the root with nothing found: no stage walked has a setting.
  for (const s of path) settings.set(s, found ?? null);
  return found ?? undefined;
}

function ownSetting(stage: Stage): Setting | undefined {
  let found: Setting | undefined;
  for (const ins of stage.body) {
    if (ins.keyword !== "ENV") continue;
    const value = envValue(ins.args.text);
    if (value !== undefined) found = { value, ins };
  }
  return found;
}

/** The value `ENV` gives the variable (`ENV K=V …` or the legacy `ENV K V`), unquoted. */
function envValue(text: string): string | undefined {
  const words = splitWords(text);
  const first = words[0];
  if (!first) return undefined;
  if (!first.text.includes("=")) {
    const rest = words[1];
    return first.text === VARIABLE && rest ? unquote(text.slice(rest.start).trim()) : undefined;
  }
  let value: string | undefined;
  for (const w of words) {
    const eq = w.text.indexOf("=");
    if (eq > 0 && w.text.slice(0, eq) === VARIABLE) value = unquote(w.text.slice(eq + 1));
  }
  return value;
}

function unquote(value: string): string {
  const q = value[0];
  return (q === '"' || q === "'") && value.length > 1 && value.endsWith(q)
    ? value.slice(1, -1)
    : value;
}

function addIcu(ctx: MigrationContext, state: StageState, set: Setting, image: string): void {
  const missing = GLOBALIZATION.filter(
    (g) => !state.lasting.has(g.pkg) && !state.preamble.includes(g.pkg),
  );
  if (missing.length === 0) return;
  const names = missing.map((g) => g.pkg).join(" ");
  const warning = `${VARIABLE}=${set.value} turns .NET globalization on, which needs ICU: the Debian ${image} images ship ICU (every locale) and tzdata, the -alpine one has neither, and without ICU the runtime stops at startup ("Couldn't find a valid ICU package"): added ${names}`;
  missing.forEach((g, k) => {
    addPackage(ctx, state, {
      pkg: g.pkg,
      debian: g.debian,
      offset: set.ins.start,
      rule: "from",
      warning: k === 0 ? warning : undefined,
      reason: `${VARIABLE}=${set.value} turns .NET globalization on; the Debian ${image} images ship ${g.why}, the -alpine image does not`,
    });
  });
}

/** `tzdata`: the stage has it already (an ENV TZ, a zoneinfo link), so only ICU is missing. */
function invariantWarning(image: string, tzdata: boolean): string {
  const extra =
    image === "runtime-deps"
      ? "; or, for a self-contained app, use the -alpine-extra tag, which has ICU and tzdata"
      : "";
  const lacks = tzdata
    ? "no ICU, which the Debian one ships,"
    : "no ICU and no tzdata, which the Debian one ships,";
  const zones = tzdata
    ? ""
    : " and without time zones (TimeZoneInfo.FindSystemTimeZoneById throws, local time is UTC)";
  const add = tzdata ? "icu-libs icu-data-full" : "icu-libs icu-data-full tzdata";
  return `the .NET ${image} -alpine image has ${lacks} and sets ${VARIABLE}=true: the app runs in globalization-invariant mode (culture-aware formatting, parsing and sorting follow the invariant culture, and creating another culture throws)${zones}; to keep them, add ENV ${VARIABLE}=false and RUN apk add --no-cache ${add} (icu-libs alone has English data only)${extra}`;
}
