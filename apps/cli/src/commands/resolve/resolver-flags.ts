import { createResolver, parsePlatform, type Resolver, type Via } from "@alpinize/digest";
import { UsageError } from "@alpinize/errors";
import { escapeInline, findUserinfo, maskReference } from "@alpinize/image-ref";
import type { Io } from "../../io.js";

/** Flags `resolve` and `pin` share. */
export const RESOLVER_FLAGS = {
  via: { type: "string" },
  "insecure-registry": { type: "string", multiple: true },
  platform: { type: "string" },
  "registry-mirror": { type: "string" },
} as const;

export interface ResolverFlags {
  via?: string;
  "insecure-registry"?: string[];
  platform?: string;
  "registry-mirror"?: string;
}

const VIAS: Via[] = ["registry", "daemon", "auto"];

/**
 * A reference or host from the command line or a scanned file, as printed: `user:password@`
 * masked (credentials are never printed), then control characters, tabs and newlines escaped.
 */
export function shown(text: string): string {
  return escapeInline(maskReference(text));
}

/** For a host flag written with `user:password@`: where credentials come from instead. */
function credentialsHint(value: string): string {
  if (!findUserinfo(value)) return "";
  return " Credentials do not go in a host name: log in (docker login) and they are read from Docker's config ($DOCKER_CONFIG/config.json, else ~/.docker/config.json) or $REGISTRY_AUTH_FILE.";
}

/** Checks the shared flags (exit 2 on a bad value) and builds the run's one resolver. */
export function resolverFromFlags(command: string, flags: ResolverFlags, io: Io): Resolver {
  const via = (flags.via ?? "registry") as Via;
  if (!VIAS.includes(via)) {
    throw new UsageError(
      `alpinize ${command}: --via "${escapeInline(String(flags.via))}": expected registry, daemon or auto`,
      {
        hint: `Run "alpinize ${command} --help".`,
      },
    );
  }
  if (flags.platform !== undefined) parsePlatform(flags.platform);
  const insecure = flags["insecure-registry"] ?? [];
  for (const host of insecure) {
    if (!/^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/.test(host)) {
      throw new UsageError(
        `alpinize ${command}: --insecure-registry "${shown(host)}" is not a host[:port]`,
        {
          hint: `Name the registry host as it appears in references, e.g. registry.lan:5000.${credentialsHint(host)}`,
        },
      );
    }
  }
  const mirror = flags["registry-mirror"];
  if (mirror !== undefined && !/^([a-z]+:\/\/)?[A-Za-z0-9.[\]:-]+\/?$/.test(mirror)) {
    throw new UsageError(
      `alpinize ${command}: --registry-mirror "${shown(mirror)}" is not a host[:port]`,
      {
        hint: `Name the mirror of Docker Hub as host[:port], e.g. mirror.lan:5000.${credentialsHint(mirror)}`,
      },
    );
  }
  return createResolver({
    via,
    insecureRegistries: insecure,
    env: io.env,
    ...(mirror ? { mirrors: { "docker.io": mirror } } : {}),
  });
}

/** Credential problems (a helper missing, a broken auth file), once, on stderr. */
export function reportWarnings(resolver: Resolver, io: Io): void {
  for (const warning of resolver.credentials.warnings())
    io.warn(`credentials: ${escapeInline(warning)}`);
}

/** `resolving 3/40 alpine:3.23` on a terminal, nothing elsewhere. */
export function progressReporter(io: Io, verb: string) {
  return ({ done, total, reference }: { done: number; total: number; reference: string }) => {
    if (total > 1) io.progress(`${verb} ${done}/${total} ${shown(reference)}`);
  };
}
