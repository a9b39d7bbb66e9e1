#!/usr/bin/env node
// Digest resolution: 100 references (25 repositories x 4 tags) on one loopback registry with
// token auth, resolved by @alpinize/digest in one process, against the peer baseline run in the
// same session: `skopeo inspect --raw ... | skopeo manifest-digest /dev/stdin` once per reference.
// Prints both times, the ratio (target: at least 10x), and the requests we made: at most one
// token request per repository scope and one HEAD per reference (target), from the registry's
// access log and the token server's own count. Both sides must agree on every digest.
//
//   node bench/digest.mjs [--repos N] [--tags N]      (after `pnpm build`; needs
//   scripts/ci/install-registry.sh: docker-registry, skopeo)
import { spawn } from "node:child_process";
import { intFlag, loadPackages } from "./lib/dist.mjs";
import { now, since } from "./lib/timing.mjs";

const TARGET_RATIO = 10;

const repos = intFlag("digest", "--repos", 25);
const tags = intFlag("digest", "--tags", 4);

const { createResolver, resolveMany, pushImage, requireBinary, startRegistry } = await loadPackages(
  "digest",
  ["digest", "testkit"],
);
const skopeo = requireBinary("skopeo");
const user = { username: "alice", password: "wonderland-pass" };

const registry = await startRegistry({ auth: "token", users: { [user.username]: user.password } });
try {
  const refs = [];
  for (let r = 0; r < repos; r++) {
    const repo = `bench/app${r}`;
    const names = Array.from({ length: tags }, (_, t) => `v${t}`);
    // One upload per repository, then more tags for it: the registry is slow to accept blobs.
    await pushImage(registry.url, repo, names[0], {
      credentials: user,
      seed: `bench-${r}`,
      extraTags: names.slice(1),
    });
    for (const name of names) refs.push(`${registry.host}/${repo}:${name}`);
  }

  const logStart = (await registry.accessLog()).length;
  const tokenStart = registry.tokenRequests().length;
  const oursStart = now();
  const resolver = createResolver({ env: { PATH: process.env.PATH, HOME: "/nonexistent" } });
  const outcomes = await resolveMany(resolver, refs);
  resolver.close();
  const oursMs = since(oursStart);
  const log = (await registry.accessLog()).slice(logStart);
  const tokens = registry.tokenRequests().slice(tokenStart);
  const failed = outcomes.filter((o) => !o.result);
  if (failed.length > 0) {
    console.error(`digest: ${failed.length} references failed: ${failed[0].error?.message}`);
    process.exit(1);
  }

  const peerStart = now();
  const peer = [];
  for (const ref of refs) peer.push(await skopeoDigest(ref));
  const peerMs = since(peerStart);
  const peerLog = (await registry.accessLog()).slice(logStart + log.length);
  const peerTokens = registry.tokenRequests().length - tokenStart - tokens.length;

  const mismatches = refs.filter((_, i) => outcomes[i].result.digest !== peer[i]);
  const heads = log.filter((e) => e.method === "HEAD").length;
  const scopes = new Set(tokens.flatMap((t) => t.scopes)).size;
  const ratio = peerMs / oursMs;
  const requestsOk = heads === refs.length && tokens.length <= scopes && scopes <= repos;
  console.log(
    `references: ${refs.length} (${repos} repositories x ${tags} tags), token auth, 127.0.0.1`,
  );
  console.log(
    `alpinize:   ${oursMs.toFixed(0)} ms  (${log.length} registry requests: ${heads} HEAD, ` +
      `${log.length - heads} other; ${tokens.length} token requests for ${scopes} repository scopes)`,
  );
  console.log(
    `skopeo:     ${peerMs.toFixed(0)} ms  (${peerLog.length} registry requests, ${peerTokens} token requests)`,
  );
  console.log(
    `ratio:      ${ratio.toFixed(1)}x faster (target >= ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? "met" : "MISSED"})`,
  );
  console.log(
    `requests:   ${requestsOk ? "met" : "MISSED"} (target: one HEAD per reference, at most one token request per repository scope)`,
  );
  console.log(
    `digests:    ${mismatches.length === 0 ? "all equal to skopeo's" : `${mismatches.length} differ, e.g. ${mismatches[0]}`}`,
  );
  process.exitCode = mismatches.length === 0 && requestsOk && ratio >= TARGET_RATIO ? 0 : 1;
} finally {
  await registry.stop();
}

function skopeoDigest(ref) {
  const pipeline =
    '"$0" inspect --raw --tls-verify=false --creds "$1" "docker://$2" | "$0" manifest-digest /dev/stdin';
  return new Promise((done, fail) => {
    const child = spawn("sh", ["-c", pipeline, skopeo, `${user.username}:${user.password}`, ref], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("close", (code) =>
      code === 0 ? done(out.trim()) : fail(new Error(`skopeo failed for ${ref}`)),
    );
  });
}
