/** Debian architecture names → what `apk --print-arch` prints. */
export const ARCH_NAMES: Readonly<Record<string, string>> = {
  amd64: "x86_64",
  arm64: "aarch64",
  armhf: "armv7",
  armel: "armhf",
  i386: "x86",
  ppc64el: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64",
  loong64: "loongarch64",
};
