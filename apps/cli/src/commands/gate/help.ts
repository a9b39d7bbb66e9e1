import { TRIVY_ENV_KEPT } from "./trivy-env.js";

/** The kept TRIVY_* names, wrapped to the help's option column. */
function keptList(): string {
  const lines: string[] = [];
  let line = "";
  for (const name of TRIVY_ENV_KEPT) {
    const next = line ? `${line} ${name}` : name;
    if (next.length > 60) {
      lines.push(line);
      line = name;
    } else line = next;
  }
  lines.push(`${line} (proxy variables pass as they are)`);
  return lines.map((l) => `                         ${l}`).join("\n");
}

export const help = `Usage: alpinize gate REPORT.json [options]
       alpinize gate --image REF [options]

Gate a Trivy JSON report: decide pass or fail by a policy, explain every blocking
finding, and show what changed against a baseline report. REPORT may be - for stdin.

Policy:
  --severity LIST        Severity threshold (default HIGH,CRITICAL): every level at or
                         above the least severe one listed blocks, so HIGH blocks HIGH
                         and CRITICAL; UNKNOWN blocks only when listed
  --severity-source SRC  report (Trivy's choice, default), max (highest vendor), or a
                         vendor name such as nvd, debian, alpine, ghsa (any name is
                         accepted; a warning on stderr when no finding carries it)
  --ignore-unfixed       Only findings with a fix available block
  --ignore-status LIST   Trivy statuses that do not block, e.g. will_not_fix,end_of_life
                         (an explicit, narrower choice than --ignore-unfixed)
  --exceptions FILE      YAML exceptions: id, optional package/purl, reason, expires
  --vex FILE             OpenVEX document; not_affected and fixed statements suppress
                         (repeatable); a pkg:oci/pkg:docker product applies only when it
                         names this report's image (digest, repository, tag)
  --allow-eosl           Do not fail because the OS is end-of-service-life (Trivy's
                         Metadata.OS.EOSL, or a release whose announced end of support
                         for Alpine, Debian or Ubuntu has passed)
  --strict-eosl          Fail when neither the report nor the gate's table of release
                         dates tells whether the OS is still supported (else a warning)
  --allow-unknown-os     Do not fail when Trivy detected no OS (scratch, distroless);
                         an OS Trivy named but did not scan for vulnerabilities
                         (no os-pkgs result) fails all the same
  --vulnerabilities-only Secrets and failed misconfiguration checks at a blocking
                         severity are only mentioned (by default they fail the gate)

Comparison:
  --baseline OLD.json    Show removed, added, unchanged and now-fixable findings
                         (e.g. the Debian image's report, before moving to Alpine)

Output:
  --format FMT           text (default), markdown, json or sarif; json on stdout is
                         one document also when the gate cannot decide (bad flag,
                         unreadable report, Trivy failing): {schema, toolVersion,
                         passed false, error {code, message, hint?}, blocking [],
                         problems [{code, message}], findings []}, exit 2 (sarif
                         prints nothing then: an empty run would close open alerts)
  --json                 The same as --format json (the flag the other commands take)
  --output FILE          Write the report to FILE (atomically) instead of stdout; a
                         file the gate reads (the report, --baseline, --exceptions,
                         --vex, also through a link) is refused with exit 2; a FILE
                         with other hard links gets a new inode (a warning says how
                         many names keep the old text)
  --sarif-location FILE  Repository-relative file SARIF results point at (default Dockerfile)
  --sarif-category ID    SARIF category (default: from the image name); control
                         characters and line breaks are a usage error
  --max-size SIZE        Refuse larger reports: a decimal number of MiB, or with a unit
                         K, M, G (KiB, MiB, GiB), e.g. 1.5G (default 512)

Scanning:
  --image REF            Run \`trivy image\` on REF (Trivy 0.37 or later on PATH) and gate
                         it. Trivy is given every severity, --scanners vuln,secret,
                         --exit-code 0, and an empty config, ignore file and module
                         folder of the gate's own (no trivy.yaml, .trivyignore,
                         trivy-secret.yaml or modules are read). Every TRIVY_* variable
                         is left out of its environment (and named in a warning) except
                         those for access and caching:
${keptList()}
                         A REF with credentials (user:password@) is refused before
                         Trivy runs: docker login HOST, or TRIVY_USERNAME and
                         TRIVY_PASSWORD, give Trivy the credentials instead

Exit codes: 0 pass, 1 policy violated (blocking findings, including those whose
            exception expired; secrets or failed checks at a blocking severity;
            EOSL OS, or one of unknown end of life with --strict-eosl;
            OS not detected, or named but not scanned), 2 bad
            input or usage (unreadable, truncated, UTF-16 or non-Trivy
            JSON, a duplicate key, a key Trivy writes spelt in another
            letter case such as "results", an unknown Status, bad exceptions or VEX file, an empty
            flag value, --output naming an input, an --image REF with
            credentials, Trivy missing or failing).

Examples:
  trivy image --format json --output alpine.json myapp:alpine
  alpinize gate alpine.json --ignore-unfixed --exceptions .trivy-exceptions.yaml
  alpinize gate alpine.json --baseline debian.json --format markdown >> "$GITHUB_STEP_SUMMARY"
  alpinize gate alpine.json --format sarif --output gate.sarif
`;
