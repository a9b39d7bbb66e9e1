/**
 * Debian's libnginx-mod-NAME packages are Alpine's nginx-mod-NAME, mostly under the same module
 * name; where the two name a module differently, Debian's name → Alpine's. Both put a
 * load_module line where the stock nginx.conf includes it (modules-enabled, /etc/nginx/modules).
 */
const RENAMED: Readonly<Record<string, string>> = {
  "http-headers-more-filter": "http-headers-more",
  "http-ndk": "devel-kit",
  "http-uploadprogress": "http-upload-progress",
  nchan: "http-nchan",
  // Debian splits the brotli and zstd modules into a filter and a static part; Alpine's one
  // package has both .so files.
  "http-brotli-filter": "http-brotli",
  "http-brotli-static": "http-brotli",
  "http-zstd-filter": "http-zstd",
  "http-zstd-static": "http-zstd",
};

/** Alpine's package for a Debian libnginx-mod-NAME, to be checked against the release. */
export function alpineNginxModule(debianModule: string): string {
  const name = Object.hasOwn(RENAMED, debianModule) ? RENAMED[debianModule] : debianModule;
  return `nginx-mod-${name}`;
}
