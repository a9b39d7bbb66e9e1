import { debianBinary } from "../debian-facts.js";
import { isGoToolchainName } from "./go-toolchain.js";
import { alpineNginxModule, alpineNginxModuleSet } from "./nginx-modules.js";
import { type Env, firstExisting, type Hit, type Layer } from "./types.js";

// Prefix conventions between the two distributions' language packaging. Each guess must exist.
const RULES: { pattern: RegExp; candidates: (m: RegExpExecArray) => string[]; what: string }[] = [
  {
    // Debian source python-certbot-nginx; Alpine ships the plugins as programs (certbot-nginx).
    pattern: /^python3-(certbot(?:-[a-z0-9-]+)?)$/,
    candidates: (m) => [`${m[1]}`],
    what: "certbot and its plugins are packaged under their own names",
  },
  {
    pattern: /^python3?-(.+)$/,
    candidates: (m) => [
      `py3-${m[1]}`,
      `py3-${m[1]?.replace(/^python-/, "")}`,
      `py3-${m[1]?.replace(/^py/, "")}`,
      `py3-${m[1]?.replace(/-/g, "_")}`,
    ],
    what: "Python modules are packaged as py3-*",
  },
  {
    pattern: /^lib(.+)-perl$/,
    candidates: (m) => [`perl-${m[1]}`, `perl-lib${m[1]}`],
    what: "Perl modules are packaged as perl-*",
  },
  {
    pattern: /^fonts-(.+?)(-ttf|-otf|-core|-extra)?$/,
    candidates: (m) => [`font-${m[1]}`, `font-${m[1]}${m[2] ?? ""}`, `ttf-${m[1]}`],
    what: "fonts are packaged as font-*",
  },
  {
    pattern: /^ruby-(.+)$/,
    candidates: (m) => [`ruby-${m[1]}`],
    what: "Ruby gems are packaged as ruby-*",
  },
  {
    pattern: /^libnginx-mod-(.+)$/,
    candidates: (m) => [alpineNginxModule(m[1] ?? "")],
    what: "nginx's dynamic modules are packaged as nginx-mod-*",
  },
  {
    pattern: /^lua-(.+)$/,
    candidates: (m) => [`lua-${m[1]}`, `lua5.4-${m[1]}`],
    what: "Lua modules are packaged as lua-*",
  },
];

/** `libnginx-mod-js` and the like: every module of the set, when the release has them all. */
function nginxModuleSet(name: string, env: Env): Hit | undefined {
  const set = alpineNginxModuleSet(/^libnginx-mod-(.+)$/.exec(name)?.[1] ?? "");
  if (!set?.every((n) => env.index.has(n))) return undefined;
  return {
    alpine: set,
    layer: "name-rule",
    reason: `nginx's dynamic modules are packaged as nginx-mod-*, one a module: ${set.join(" ")}`,
  };
}

export const ecosystemLayer: Layer = (name, env) => {
  const modules = nginxModuleSet(name, env);
  if (modules) return modules;
  // A Python program named without the prefix (virtualenv, from source python-virtualenv).
  const source = debianBinary(name).source;
  if (source !== name && /^python-/.test(source)) {
    const hit = firstExisting(env, [`py3-${name}`, `py3-${source.slice(7)}`]);
    if (hit) {
      return {
        alpine: [hit],
        layer: "name-rule",
        reason: `built from ${source}: Python modules are packaged as py3-*`,
      };
    }
  }
  for (const rule of RULES) {
    const m = rule.pattern.exec(name);
    if (!m) continue;
    const hit = firstExisting(env, rule.candidates(m));
    if (hit) return { alpine: [hit], layer: "name-rule", reason: `${rule.what}: ${hit}` };
  }
  return undefined;
};

/** Language packages that Dockerfiles should install with the language's own tool. */
export const foreignEcosystemLayer: Layer = (name) => {
  // golang-1.22-race-detector-runtime and the like are parts of Debian's Go toolchain, not
  // libraries a module download replaces.
  if (isGoToolchainName(name)) {
    return {
      alpine: [],
      kind: "unknown",
      layer: "unknown",
      reason: `${name} is part of Debian's packaging of the Go toolchain; Alpine ships Go as go (and go-doc) and has no package for this part`,
    };
  }
  const m = /^(node|golang|librust|r-cran|libghc)-/.exec(name);
  if (!m) return undefined;
  const tool = {
    node: "npm",
    golang: "go modules",
    librust: "cargo",
    "r-cran": "R's install.packages",
    libghc: "cabal",
  }[m[1] as string];
  return {
    alpine: [],
    kind: "unknown",
    layer: "unknown",
    reason: `Debian's ${m[1]}-* packages have no Alpine equivalents; install it with ${tool}`,
  };
};

/** Multilib and cross-toolchain packages: Alpine builds neither. Ubuntu language packs: musl. */
export const patternLayer: Layer = (name) => {
  if (/^language-pack-/.test(name)) {
    return {
      alpine: [],
      layer: "not-needed",
      reason:
        "Ubuntu's glibc locale data; musl has no locale archive (musl-locales only adds translations)",
    };
  }
  const multilib = /^lib(32|x32|64)[a-z]/.test(name) && !/^lib64(gfortran|stdc)/.test(name);
  const cross =
    /-(aarch64|arm|armhf|i686|x86-64|powerpc|powerpc64le|ppc64el|mips\w*|s390x|riscv64)-linux-gnu\w*$/.test(
      name,
    );
  if (!multilib && !cross) return undefined;
  return {
    alpine: [],
    kind: "unknown",
    layer: "no-equivalent",
    reason: multilib
      ? "Alpine has no multilib packages; build for the other architecture in its own stage"
      : "Alpine packages no glibc cross toolchains; use an Alpine image of the target architecture",
  };
};
