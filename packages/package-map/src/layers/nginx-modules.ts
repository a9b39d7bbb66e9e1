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

/**
 * Names that stand for several modules. `libnginx-mod-js` is the Debian source of the njs
 * modules (bookworm builds libnginx-mod-http-js and libnginx-mod-stream-js from it); Alpine's
 * package of the same upstream, `njs`, is only the JavaScript CLI, so `load_module` of
 * ngx_http_js_module would fail with it.
 */
const SPLIT: Readonly<Record<string, readonly string[]>> = {
  js: ["http-js", "stream-js"],
};

/** Alpine's package for a Debian libnginx-mod-NAME, to be checked against the release. */
export function alpineNginxModule(debianModule: string): string {
  const name = Object.hasOwn(RENAMED, debianModule) ? RENAMED[debianModule] : debianModule;
  return `nginx-mod-${name}`;
}

/** Alpine's packages for a Debian name that covers several modules, else undefined. */
export function alpineNginxModuleSet(debianModule: string): string[] | undefined {
  if (!Object.hasOwn(SPLIT, debianModule)) return undefined;
  return (SPLIT[debianModule] ?? []).map((m) => `nginx-mod-${m}`);
}
