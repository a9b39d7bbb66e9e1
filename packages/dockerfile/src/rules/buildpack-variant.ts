// Apart from buildpack.ts (which reads stage state) so the FROM rules and StageInfo can name it
// without importing the stage rules back (scripts/check-import-cycles.mjs).

/**
 * buildpack-deps tags stack: `*-curl` (ca-certificates, curl, gnupg, dirmngr, wget, netbase),
 * `*-scm` (adds git, mercurial, openssh-client, subversion, procps), and the bare suite tag
 * (adds the C/C++ toolchain, libc6-dev, dpkg-dev, autoconf, automake, libtool, patch and many
 * -dev libraries). See the docker-library/buildpack-deps Dockerfiles.
 */
export type BuildpackVariant = "curl" | "scm" | "full";
