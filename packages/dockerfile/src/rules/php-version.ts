import type { PackageDecision } from "@alpinize/package-map";
import type { MigrationContext } from "../migrate/context.js";
import type { Instruction } from "../parse/types.js";
import type { SimpleCommand } from "../shell/script.js";
import type { ScriptScope } from "./scope.js";

/** Programs whose plain name only Alpine's default PHP has; others carry the version (php83). */
const LINKS = [
  { program: "php", from: (nn: string) => [`php${nn}`, `php${nn}-cli`] },
  { program: "phpize", from: (nn: string) => [`php${nn}-dev`] },
  { program: "php-config", from: (nn: string) => [`php${nn}-dev`] },
] as const;

/** Commands that run `php` themselves (composer's script starts with `#!/usr/bin/env php`). */
const RUNS_PHP = new Set(["composer", "composer.phar", "artisan"]);

/**
 * Rule `apt`: Debian links php, phpize and php-config to the version installed (alternatives);
 * on Alpine only the release's default PHP has those names, phpNN for another version installs
 * php83, phpize83…. When the stage runs the plain name, the apk add links it, as Alpine users do.
 */
export function linkPhpPrograms(
  scope: ScriptScope,
  cmd: SimpleCommand,
  seen: ReadonlySet<string>,
): void {
  const { ctx, stage } = scope;
  const nn = [...seen].map((n) => /^php(\d\d)(?:-|$)/.exec(n)?.[1]).find(Boolean);
  if (!nn) return;
  const fallback = /^php(\d\d)$/.exec(ctx.packageMap.map("php").alpine[0] ?? "")?.[1];
  if (!fallback || fallback === nn) return;
  const calls = (program: string) =>
    stage.commands.has(program) ||
    (program === "php" && [...RUNS_PHP].some((c) => stage.commands.has(c))) ||
    startsProgram(scope, program);
  const links = LINKS.filter((l) => l.from(nn).some((n) => seen.has(n)) && calls(l.program)).map(
    (l) => `ln -sf /usr/bin/${l.program}${nn} /usr/bin/${l.program}`,
  );
  if (links.length === 0) return;
  const at = scope.fileOffset(cmd.end);
  ctx.edit("apt", at, at, ` && ${links.join(" && ")}`, true);
  scope.warn(
    "apt",
    cmd.start,
    `php${nn} is not Alpine ${ctx.release}'s default PHP (${fallback[0]}.${fallback[1]}): its programs are named php${nn}, phpize${nn}, php-fpm${nn}; linked ${links.map((l) => l.replace(/^.* /, "")).join(", ")} as Debian's alternatives did`,
  );
}

/**
 * ENTRYPOINT/CMD of the stage start the program by its plain name, or a stage built FROM it
 * (directly or through others) runs it anywhere: the link is made where the package is installed.
 */
function startsProgram(scope: ScriptScope, program: string): boolean {
  const word = new RegExp(`(?:^|[\\s"'\\[/;&|(])${program}(?=[\\s"',\\];&|)]|$)`);
  const own = scope.stage.info.stage;
  if (
    own.body.some(
      (i) => (i.keyword === "CMD" || i.keyword === "ENTRYPOINT") && word.test(i.args.text),
    )
  )
    return true;
  return childInstructions(scope).some(
    (i) => ["RUN", "CMD", "ENTRYPOINT"].includes(i.keyword) && word.test(i.args.text),
  );
}

/** Instructions of the stages built FROM this one, and from those, in file order. */
function childInstructions(scope: ScriptScope): Instruction[] {
  const own = scope.stage.info.stage;
  const names = new Set([String(own.index), ...(own.alias ? [own.alias.toLowerCase()] : [])]);
  const out: Instruction[] = [];
  let inside = false;
  let index = -1;
  for (const ins of scope.ctx.doc.instructions) {
    if (ins.keyword === "FROM") {
      index++;
      const words = ins.args.text.split(/\s+/).filter((w) => w && !w.startsWith("--"));
      inside = index > own.index && names.has((words[0] ?? "").toLowerCase());
      if (inside && words[1]?.toLowerCase() === "as" && words[2]) names.add(words[2].toLowerCase());
      continue;
    }
    if (inside) out.push(ins);
  }
  return out;
}

/** Debian's versioned PHP names: php8.2, php8.2-cli, libapache2-mod-php8.2. */
const VERSIONED = /^(?:php|libapache2-mod-php)(\d\.\d+)(?:-|$)/;
/** The unversioned ones, which depend on the release's default phpX.Y-*. */
const UNVERSIONED = /^(?:php(?:-[a-z][\w.+-]*)?|libapache2-mod-php)$/;

/**
 * Rule `apt`: Debian's php-cli (php, php-mysql, libapache2-mod-php …) depends on the phpX.Y-cli of
 * its release's default PHP, the one the versioned names next to it pin (php8.2 on bookworm). The
 * package map answers php-cli with Alpine's default PHP (php84-cli on 3.22), which would put a
 * second PHP beside the php82 of php8.2-fpm: the answer takes the versioned names' phpNN instead,
 * when the stage names one Debian PHP version and every renamed package exists.
 */
export function stagePhpDecision(
  ctx: MigrationContext,
  name: string,
  mapped: PackageDecision,
  install: readonly string[],
  stage: ReadonlySet<string>,
): PackageDecision | undefined {
  if (!UNVERSIONED.test(name)) return undefined;
  const versions = new Set([...phpVersions(install), ...phpVersions(stage)]);
  if (versions.size !== 1) return undefined;
  const version = [...versions][0]!;
  const nn = /^php(\d\d)$/.exec(ctx.packageMap.map(`php${version}`).alpine[0] ?? "")?.[1];
  if (!nn) return undefined;
  const alpine = mapped.alpine.map((n) => n.replace(/^php\d\d(?=-|$)/, `php${nn}`));
  if (alpine.every((n, k) => n === mapped.alpine[k])) return undefined;
  if (!alpine.every((n) => ctx.packageMap.exists(n))) return undefined;
  return {
    ...mapped,
    alpine,
    layer: "migrate-rule",
    reason: `Debian's ${name} depends on the default PHP of its release, which the stage's versioned names pin to ${version}: php${nn}'s packages, so one PHP is installed (the package map alone answers ${mapped.alpine[0]})`,
  };
}

// One install can name 200,000 packages: its versions are read once, not once per name.
const versionsOf = new WeakMap<object, ReadonlySet<string>>();

function phpVersions(names: readonly string[] | ReadonlySet<string>): ReadonlySet<string> {
  // The stage's set grows between installs: only the install's list is cached.
  const cached = Array.isArray(names) ? versionsOf.get(names) : undefined;
  if (cached) return cached;
  const found = new Set<string>();
  for (const n of names) {
    const v = VERSIONED.exec(n)?.[1];
    if (v) found.add(v);
  }
  if (Array.isArray(names)) versionsOf.set(names, found);
  return found;
}
