import { resolveMany } from "@alpinize/digest";
import { EXIT, UsageError } from "@alpinize/errors";
import { parseCommandArgs } from "../../args.js";
import type { Io } from "../../io.js";
import { errorJson, wantsJson, withJsonErrors } from "../../json-errors.js";
import { outcomeToJson, printHuman } from "./output.js";
import {
  progressReporter,
  RESOLVER_FLAGS,
  reportWarnings,
  resolverFromFlags,
} from "./resolver-flags.js";

export const help = `Usage: alpinize resolve REF... [--platform OS/ARCH[/VARIANT]] [--json]
                        [--via registry|daemon|auto] [--insecure-registry HOST]...
                        [--registry-mirror HOST] [--verify]

Resolve image references to the digest to pin: the multi-platform index by default (what
"docker pull" prints), or one platform's manifest with --platform.

Options:
  --platform P             Pick that platform's manifest from the index (linux/amd64,
                           linux/arm64 = linux/arm64/v8); attestation entries are skipped
  --json                   Print an array, one object per REF in order: reference, digest,
                           mediaType, canonical, via, and platform/indexDigest/platforms/
                           previousDigest/rateLimit when known; failures have digest null
                           and an error object {code, message, hint}
  --via registry           Ask the registry's HTTP API (default)
  --via daemon             Ask the Docker daemon (DOCKER_HOST or /var/run/docker.sock);
                           DOCKER_HOST must be unix://PATH, tcp://HOST[:PORT] (port
                           2375, 2376 with DOCKER_TLS_VERIFY, as for Docker's client) or
                           npipe://PATH (empty means unset); anything else, blanks
                           around the address included, is bad input (exit 2)
  --via auto               The registry, then the daemon if the registry cannot be reached
  --insecure-registry HOST Allow plain http to HOST (loopback hosts always may); repeatable
  --registry-mirror HOST   Ask HOST for Docker Hub references (with HOST's credentials)
  --verify                 Fetch each manifest and hash its bytes even when the registry
                           sends a digest header

Credentials: Docker's order (credHelpers for the host, credsStore, auths in
$DOCKER_CONFIG/config.json or ~/.docker/config.json), then $REGISTRY_AUTH_FILE and
$XDG_RUNTIME_DIR/containers/auth.json. They go to the registry and its token service only.

A reference written as name:tag@digest is resolved again from its tag (previousDigest shows
the old digest); name@digest is checked to exist.

Exit codes: 0 all resolved, 1 some reference could not be resolved (the others are still
            printed), 2 bad input (malformed reference, unknown flag or value).
`;

const FLAGS = {
  ...RESOLVER_FLAGS,
  json: { type: "boolean" },
  verify: { type: "boolean" },
} as const;

export async function run(argv: string[], io: Io): Promise<number> {
  // --json prints its array also for a usage error: one entry, reference null, with the error.
  return await withJsonErrors(
    wantsJson(argv),
    io,
    (err) => [{ reference: null, digest: null, mediaType: null, error: errorJson(err) }],
    () => resolveAll(argv, io),
  );
}

async function resolveAll(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, FLAGS, "resolve", {
    operand: { name: "image reference", give: "a reference such as alpine:3.23" },
  });
  if (positionals.length === 0) {
    throw new UsageError("alpinize resolve: give at least one image reference", {
      hint: 'For example: alpinize resolve alpine:3.23. Run "alpinize resolve --help".',
    });
  }
  const resolver = resolverFromFlags("resolve", values, io);
  try {
    const outcomes = await resolveMany(resolver, positionals, {
      platform: values.platform,
      verify: values.verify === true,
      onProgress: progressReporter(io, "resolving"),
    });
    io.endProgress();
    if (values.json) io.out(JSON.stringify(outcomes.map(outcomeToJson), null, 2));
    else printHuman(outcomes, io);
    reportWarnings(resolver, io);
    const failures = outcomes.filter((o) => o.error);
    if (failures.some((o) => (o.error as { exitCode?: number }).exitCode === EXIT.BAD_INPUT)) {
      return EXIT.BAD_INPUT;
    }
    return failures.length > 0 ? EXIT.FINDINGS : EXIT.OK;
  } finally {
    resolver.close();
  }
}
