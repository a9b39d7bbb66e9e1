import { safeDecode } from "../parse/purl.js";

/**
 * Trivy result `Type`s (OS families and language analyzers, old spellings included) by the
 * PURL type Trivy gives their packages. Reports older than Trivy 0.49 carry no PURL, so this is
 * the only way to tell an apk `openssl` from an npm `openssl` of the same name.
 */
const RESULT_TYPES: Record<string, readonly string[]> = {
  apk: ["alpine", "wolfi", "chainguard", "minimos"],
  deb: ["debian", "ubuntu", "echo"],
  rpm: [
    "redhat",
    "centos",
    "centos-stream",
    "rocky",
    "alma",
    "amazon",
    "oracle",
    "fedora",
    "photon",
    "cbl-mariner",
    "azurelinux",
    "opensuse",
    "opensuse-leap",
    "opensuse-tumbleweed",
    "opensuse.leap",
    "opensuse.tumbleweed",
    "sles",
    "slem",
    "suse linux enterprise server",
    "suse linux enterprise micro",
  ],
  npm: ["npm", "node-pkg", "yarn", "pnpm", "bun"],
  pypi: ["pip", "pipenv", "poetry", "uv", "pylock", "python-pkg"],
  gem: ["bundler", "gemspec"],
  maven: ["jar", "pom", "gradle", "sbt"],
  golang: ["gobinary", "gomod"],
  cargo: ["cargo", "rustbinary", "rust-binary"],
  nuget: ["nuget", "dotnet-core", "packages-props"],
  composer: ["composer", "composer-vendor"],
  conda: ["conda-pkg", "conda-environment"],
  cocoapods: ["cocoapods"],
  swift: ["swift"],
  pub: ["pub"],
  hex: ["hex"],
  conan: ["conan"],
  bitnami: ["bitnami"],
  julia: ["julia"],
  k8s: ["kubernetes"],
};

const PURL_TYPE_OF = new Map<string, string>(
  Object.entries(RESULT_TYPES).flatMap(([purl, types]) => types.map((t) => [t, purl] as const)),
);

const OS_PURL_TYPES = new Set(["apk", "deb", "rpm"]);

/** The namespaces a PURL of an OS package may use for a result type (`suse` for SLES…). */
function osNamespaces(resultType: string): Set<string> {
  const names = new Set([resultType, resultType.replace(/[. ]/g, "-")]);
  if (resultType.startsWith("opensuse")) names.add("opensuse");
  if (resultType.startsWith("suse linux enterprise") || /^sle[sm]$/.test(resultType)) {
    names.add("suse");
    names.add(resultType.endsWith("micro") ? "slem" : "sles");
  }
  return names;
}

/** Result of comparing a PURL's ecosystem with a finding's result type(s). */
export type EcosystemMatch = "same" | "other" | { undetermined: string };

/**
 * Whether a PURL (`pkg:type/namespace/name`, already lower-cased) is of the ecosystem of every
 * result a finding came from. When either side is a type the gate cannot place, the answer is
 * `undetermined` with the reason: the caller must then not treat the PURL as naming the finding.
 */
export function compareEcosystem(
  base: string,
  f: { resultType: string; otherResultTypes?: string[] | undefined; target: string },
): EcosystemMatch {
  const parts = base.slice("pkg:".length).split("/");
  const purlType = parts[0] ?? "";
  const namespace = parts.length > 2 ? safeDecode(parts.slice(1, -1).join("/")) : undefined;
  if (!RESULT_TYPES[purlType])
    return {
      undetermined: `"pkg:${purlType}" is not a package type the gate can tie to a Trivy result, and the report has no package URLs (Trivy < 0.49) to compare with`,
    };
  for (const raw of [f.resultType, ...(f.otherResultTypes ?? [])]) {
    const type = raw.toLowerCase();
    const known = PURL_TYPE_OF.get(type);
    if (!known)
      return {
        undetermined: `the report has no package URLs (Trivy < 0.49) and the result (target ${f.target}) has ${type ? `type "${type}", which the gate cannot tie to a package ecosystem` : "no type"}, so it cannot tell whether pkg:${purlType} names the package`,
      };
    if (known !== purlType) return "other";
    if (
      OS_PURL_TYPES.has(purlType) &&
      namespace !== undefined &&
      !osNamespaces(type).has(namespace)
    )
      return "other";
  }
  return "same";
}
