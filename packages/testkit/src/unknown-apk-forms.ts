/**
 * RUN lines of an Alpine 3.24 stage with `apk add` names the release lacks, and what each name
 * does to the build: `stops` (apk installs nothing and the RUN fails) or `goes-on` (a `||` or an
 * if catches the failure, or an `apk add` after `||` runs instead). migrate --check and
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
];
