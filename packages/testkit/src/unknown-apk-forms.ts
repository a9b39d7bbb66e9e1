/**
 * RUN lines of an Alpine 3.24 stage with `apk add` names the release lacks, and what each name
 * does to the build: `stops` (apk installs nothing and the RUN fails) or `goes-on` (a `||` or an
 * if catches the failure, or the build goes on to an `apk add` after it). migrate --check and
 * `alpinize check` are tested on the same lines, so the two gates agree.
 */
export const UNKNOWN_APK_FORMS: readonly {
  run: string;
  names: Readonly<Record<string, "stops" | "goes-on">>;
}[] = [
  { run: "apk add --no-cache libfoo1", names: { libfoo1: "stops" } },
  { run: "apk add --no-cache libfoo1 || exit 1", names: { libfoo1: "stops" } },
  {
    run: 'apk add --no-cache libfoo1 || echo "libfoo1 not available"',
    names: { libfoo1: "goes-on" },
  },
  { run: "if apk add --no-cache libfoo1; then echo ok; fi", names: { libfoo1: "goes-on" } },
  {
    run: "apk add --no-cache libfoo1 || apk add --no-cache curl || true",
    names: { libfoo1: "goes-on" },
  },
  { run: "apk add --no-cache libfoo2 || true", names: { libfoo2: "goes-on" } },
  {
    run: "apk add --no-cache libssl1.1 || apk add --no-cache libssl3",
    names: { "libssl1.1": "goes-on" },
  },
  {
    run: "apk add --no-cache libssl1.1 || \\\n    apk add --no-cache libssl3 && echo ok",
    names: { "libssl1.1": "goes-on" },
  },
  {
    run: "apk add --no-cache libssl1.1 || apk add --no-cache libfoo1",
    names: { "libssl1.1": "goes-on", libfoo1: "stops" },
  },
  {
    run: "apk add --no-cache libssl1.1 || sudo apk add --no-cache libfoo1 libssl3",
    names: { "libssl1.1": "goes-on", libfoo1: "stops" },
  },
  // The build goes on past a failure to an apk add however the list gets there; not when an
  // `exit 1` follows the fallback (busybox sh exits 1 though libssl3 installs).
  {
    run: "apk add --no-cache libfoo1 && echo x || apk add --no-cache curl",
    names: { libfoo1: "goes-on" },
  },
  {
    run: "apk add --no-cache libfoo1 || echo no && apk add --no-cache curl",
    names: { libfoo1: "goes-on" },
  },
  {
    run: "{ apk add --no-cache libfoo1 || apk add --no-cache curl; }",
    names: { libfoo1: "goes-on" },
  },
  {
    run: "if ! apk add --no-cache libfoo1; then apk add --no-cache curl; fi",
    names: { libfoo1: "goes-on" },
  },
  {
    run: "if apk add --no-cache libfoo1; then echo ok; else apk add --no-cache curl; fi",
    names: { libfoo1: "goes-on" },
  },
  {
    run: "apk add --no-cache libfoo1 || apk add --no-cache curl && exit 1",
    names: { libfoo1: "stops" },
  },
  { run: "apk add --no-cache libfoo1 && apk add --no-cache curl", names: { libfoo1: "stops" } },
  {
    run: "if ! apk add --no-cache libfoo1; then apk add --no-cache curl; exit 1; fi",
    names: { libfoo1: "stops" },
  },
  // Inside an `sh -c` string or a `$( )`: the string's own guards, else those of the command
  // that runs it.
  { run: "sh -c 'apk add --no-cache libfoo1 || true'", names: { libfoo1: "goes-on" } },
  {
    run: "sh -c 'apk add --no-cache libfoo1 || apk add --no-cache curl'",
    names: { libfoo1: "goes-on" },
  },
  { run: "sh -c 'apk add --no-cache libfoo1' || true", names: { libfoo1: "goes-on" } },
  {
    run: "sh -c 'apk add --no-cache libfoo1' || apk add --no-cache curl",
    names: { libfoo1: "goes-on" },
  },
  { run: "sh -c 'apk add --no-cache libfoo1'", names: { libfoo1: "stops" } },
  { run: "sh -c 'apk add --no-cache libfoo1 || exit 1'", names: { libfoo1: "stops" } },
  { run: "x=$(apk add --no-cache libfoo1 || true)", names: { libfoo1: "goes-on" } },
  {
    run: "x=$(apk add --no-cache libfoo1 || apk add --no-cache curl)",
    names: { libfoo1: "goes-on" },
  },
  { run: "x=$(apk add --no-cache libfoo1)", names: { libfoo1: "stops" } },
];
