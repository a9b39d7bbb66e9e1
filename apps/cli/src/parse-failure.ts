import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "@alpinize/errors";
import { escapeInline } from "@alpinize/image-ref";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Token = NonNullable<ReturnType<typeof parseArgs>["tokens"]>[number];
type OptionToken = Extract<Token, { kind: "option" }>;

/** Flags main reads for every command before its own parsing. */
const EVERY_COMMAND = new Set(["help", "version"]);
/** Their short names, which a loose parse leaves under the letter (`-h=1` is `h`, `=`, `1`). */
const EVERY_COMMAND_SHORT = new Set(["h", "v"]);

/**
 * The usage error for argv that Node's strict parseArgs refused, in the CLI's words: Node's own
 * ("Option '-o, --output <value>' argument missing") names neither the command nor what to do.
 * Read loosely, the same argv shows which flag it was.
 */
export function parseFailure(
  argv: string[],
  options: Options,
  command: string,
  cause: unknown,
): UsageError {
  for (const token of looseTokens(argv, options)) {
    if (token.kind !== "option") continue;
    const option = options[token.name];
    // --help and --version are every command's, read before parsing: `--help=1` is theirs too.
    if (option === undefined && EVERY_COMMAND.has(token.name) && token.value !== undefined)
      return unwantedValue(token, command, cause);
    // `-h=1` reads as the switches -h, -= and -1: the first one was given a value.
    const shortValue = equalsValue(argv, token);
    const isSwitch =
      option?.type === "boolean" || (option === undefined && EVERY_COMMAND_SHORT.has(token.name));
    if (shortValue !== undefined && isSwitch)
      return unwantedValue(token, command, cause, shortValue);
    // `-hv`, `-wc`: one word of letters, which Node reads as -h then -v; no command has two
    // short switches, so the word is named as written rather than its first letter.
    const cluster = argv[token.index];
    const clustered = cluster !== undefined && cluster !== token.rawName && isShortCluster(cluster);
    if (clustered && (option === undefined || isSwitch))
      return clusterRefused(cluster, command, cause, options);
    if (option === undefined) return unknownOption(token, command, cause);
    if (option.type === "string" && (token.value === undefined || isFlagLike(token)))
      return missingValue(token, command, cause);
    if (option.type === "boolean" && token.value !== undefined)
      return unwantedValue(token, command, cause);
  }
  // Not one of the above: Node's message, without its advice about positionals.
  const message =
    cause instanceof Error
      ? cause.message.replace(/\. To specify a positional.*$/s, "")
      : String(cause);
  return new UsageError(`alpinize ${command}: ${escapeInline(message)}`, {
    hint: `Run "alpinize ${command} --help".`,
    cause,
  });
}

function looseTokens(argv: string[], options: Options): Token[] {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true })
      .tokens;
  } catch {
    return [];
  }
}

/** The value of a short flag written `-h=VALUE`, as one argument; undefined for any other form. */
function equalsValue(argv: string[], token: OptionToken): string | undefined {
  if (!/^-[^-]$/s.test(token.rawName)) return undefined;
  const arg = argv[token.index];
  return arg?.startsWith(`${token.rawName}=`) ? arg.slice(token.rawName.length + 1) : undefined;
}

/** `--alpine --json`: strict parsing refuses a separate value that looks like a flag. */
const isFlagLike = (token: OptionToken) =>
  token.inlineValue === false && token.value !== undefined && /^-./s.test(token.value);

function missingValue(token: OptionToken, command: string, cause: unknown): UsageError {
  const flag = escapeInline(token.rawName);
  const after =
    token.value === undefined
      ? "and nothing follows it"
      : `but ${escapeInline(token.value)} follows it, a flag`;
  return new UsageError(`alpinize ${command}: ${flag} needs a value, ${after}`, {
    hint: `Give the value right after it: ${flag} VALUE (--${token.name}=VALUE for a value that starts with -). Run "alpinize ${command} --help" for what it takes.`,
    cause,
  });
}

function unwantedValue(
  token: OptionToken,
  command: string,
  cause: unknown,
  value = token.value ?? "",
): UsageError {
  const flag = escapeInline(token.rawName);
  return new UsageError(
    `alpinize ${command}: ${flag} takes no value, but was given one (${flag}=${escapeInline(value)})`,
    { hint: `Write ${flag} alone. Run "alpinize ${command} --help".`, cause },
  );
}

/** Letters after one dash (`-hv`): no command reads that as its flags -h and -v together. */
export function isShortCluster(arg: string): boolean {
  return /^-[A-Za-z]{2,}$/.test(arg);
}

/**
 * `-hv` → `Give each flag on its own (-h -v)`: the hint for a cluster of short flags. Only the
 * letters that are flags (-h, -v and `options`' short names) are offered: `-wc` is no -w -c.
 */
export function apart(cluster: string, options: Options = {}): string {
  const shorts = new Set(EVERY_COMMAND_SHORT);
  for (const option of Object.values(options)) if (option.short) shorts.add(option.short);
  const letters = [...new Set(cluster.slice(1))];
  const flags = letters.filter((c) => shorts.has(c)).map((c) => `-${c}`);
  const others = letters.filter((c) => !shorts.has(c)).map((c) => `-${c}`);
  if (others.length === 0) return `Give each flag on its own (${flags.join(" ")})`;
  const none = `${others.join(", ")} ${others.length === 1 ? "is no short flag" : "are no short flags"}`;
  return flags.length === 0 ? none : `${none}; give each flag on its own (${flags.join(" ")})`;
}

function clusterRefused(
  arg: string,
  command: string,
  cause: unknown,
  options: Options,
): UsageError {
  return new UsageError(
    `alpinize ${command}: ${arg} is not an option: short flags do not combine`,
    {
      hint: `${apart(arg, options)}; run "alpinize ${command} --help" for its options.`,
      cause,
    },
  );
}

function unknownOption(token: OptionToken, command: string, cause: unknown): UsageError {
  const flag = escapeInline(token.rawName);
  return new UsageError(`alpinize ${command}: unknown option ${flag}`, {
    hint: `Run "alpinize ${command} --help" for its options. A file whose name starts with - goes after --: alpinize ${command} -- ${flag}.`,
    cause,
  });
}
