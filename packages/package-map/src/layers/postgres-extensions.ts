import { debianBinary, debianPostgresSibling } from "../debian-facts.js";
import { type Env, firstExisting, type Hit, type Layer, type Trace } from "./types.js";
import { upstreamLayer } from "./upstream.js";

// Debian (and apt.postgresql.org for every other major) names server extensions
// postgresql-<major>-<extension>; Alpine builds each extension once, for the release's default
// server, as postgresql-<extension> (pg_cron, pgvector) or under the project's name (postgis).
const EXTENSION = /^postgresql-(\d+)-([a-z0-9][a-z0-9.+-]*)$/;

export const postgresExtensionLayer: Layer = (name, env, trace) => {
  const m = EXTENSION.exec(name);
  if (!m || env.index.has(name)) return undefined;
  const [, major = "", extension = ""] = m;
  const hit = byName(extension, env) ?? byUpstream(name, extension, env, trace);
  if (!hit) return undefined;
  const server = env.defaults.postgresql;
  if (!server) return hit;
  const out: Hit = {
    ...hit,
    reason: `${hit.reason}; Alpine ${env.release} builds its extension packages for its default PostgreSQL, ${server}`,
  };
  if (major !== server) out.versionChange = { family: "postgresql", from: major, to: server };
  return out;
};

function byName(extension: string, env: Env): Hit | undefined {
  const spelled = extension.replace(/-/g, "_");
  const found = firstExisting(env, [
    `postgresql-${extension}`,
    `postgresql-${spelled}`,
    `postgresql-pg_${spelled}`,
  ]);
  return found
    ? {
        alpine: [found],
        layer: "name-rule",
        reason: `PostgreSQL extensions are packaged as postgresql-<extension>: ${found}`,
      }
    : undefined;
}

/** postgis and repmgr keep their project's name: the Debian source's join finds them. */
function byUpstream(name: string, extension: string, env: Env, trace: Trace): Hit | undefined {
  const known = debianBinary(name).source !== name;
  const sibling = known ? name : debianPostgresSibling(extension);
  if (!sibling) return undefined;
  const hit = upstreamLayer(sibling, env, trace);
  if (!hit || hit.alpine.length === 0) return undefined;
  return sibling === name
    ? hit
    : { ...hit, reason: `${name} is not a bookworm name, ${sibling} is; ${hit.reason}` };
}
