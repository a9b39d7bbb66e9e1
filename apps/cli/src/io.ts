/** Where a command writes, and how: decided once here, never inside the libraries. */
export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * The run date the gate judges exception expiry and an OS's end of support against; the
   * clock when absent. Tests fix it so verdicts do not change as releases reach their end.
   */
  now?: Date;
}

export interface Io extends Streams {
  /** Colour on stderr/stdout: off with NO_COLOR, TERM=dumb, or when not a terminal. */
  color: boolean;
  /** Progress lines only on an interactive terminal outside CI. */
  interactive: boolean;
  out(text: string): void;
  err(text: string): void;
  warn(text: string): void;
  progress(text: string): void;
  endProgress(): void;
  style: Style;
}

export interface Style {
  bold(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  cyan(s: string): string;
}

const ESC = "\u001b[";

function makeStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) =>
    enabled ? `${ESC}${open}m${s}${ESC}${close}m` : s;
  return {
    bold: wrap(1, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    dim: wrap(2, 22),
    cyan: wrap(36, 39),
  };
}

export function createIo(streams: Streams): Io {
  const { env } = streams;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  const forceColor =
    env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "";
  const tty = streams.stderr.isTTY === true;
  const color = !noColor && env.TERM !== "dumb" && (forceColor || tty);
  // CI=false (or 0, or empty) is how some runners say "not CI".
  const ci = env.CI !== undefined && !/^(?:|false|0|no)$/i.test(env.CI);
  const interactive = tty && !ci && env.TERM !== "dumb";
  const style = makeStyle(color);
  let progressShown = false;
  const clear = () => {
    if (progressShown) {
      streams.stderr.write(`\r${ESC}2K`);
      progressShown = false;
    }
  };
  return {
    ...streams,
    color,
    interactive,
    style,
    out: (text) => {
      clear();
      streams.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    },
    err: (text) => {
      clear();
      streams.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
    },
    warn: (text) => {
      clear();
      streams.stderr.write(`${style.yellow("warning")} ${text}\n`);
    },
    progress: (text) => {
      if (!interactive) return;
      streams.stderr.write(`\r${ESC}2K${style.dim(text.slice(0, 200))}`);
      progressShown = true;
    },
    endProgress: clear,
  };
}
