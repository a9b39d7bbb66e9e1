import { describe, expect, it } from "vitest";
import { createPackageMap, KNOWN_RELEASES } from "../src/index.js";

describe.each(KNOWN_RELEASES)("nginx's dynamic modules on Alpine %s", (release) => {
  const map = createPackageMap({ release });

  it("knows the nginx-mod-* packages nginx's APKBUILD makes in a loop, not its placeholder", () => {
    for (const name of ["nginx-mod-stream", "nginx-mod-http-headers-more", "nginx-mod-mail"])
      expect(map.exists(name), name).toBe(true);
    for (const name of ["nginx-mod-", "nginx-mod-strem", "nginx-mod-http-headers-mor"])
      expect(map.exists(name), name).toBe(false);
  });

  it.each([
    ["libnginx-mod-stream", "nginx-mod-stream"],
    ["libnginx-mod-http-headers-more-filter", "nginx-mod-http-headers-more"],
    ["libnginx-mod-http-ndk", "nginx-mod-devel-kit"],
    ["libnginx-mod-http-uploadprogress", "nginx-mod-http-upload-progress"],
    ["libnginx-mod-http-geoip2", "nginx-mod-http-geoip2"],
    ["libnginx-mod-rtmp", "nginx-mod-rtmp"],
  ])("maps %s to %s", (debian, alpine) => {
    const d = map.map(debian);
    expect(d.alpine).toEqual([alpine]);
    expect(d.kind).toBe("renamed");
  });

  it("maps libnginx-mod-js (the http and stream js modules) to both modules, not the njs CLI", () => {
    const d = map.map("libnginx-mod-js");
    expect(d.alpine).toEqual(["nginx-mod-http-js", "nginx-mod-stream-js"]);
    expect(d.kind).toBe("split");
    expect(map.map("libnginx-mod-http-js").alpine).toEqual(["nginx-mod-http-js"]);
    expect(map.map("libnginx-mod-stream-js").alpine).toEqual(["nginx-mod-stream-js"]);
  });

  it("leaves a module Alpine does not build unknown, not nginx itself", () => {
    expect(map.map("libnginx-mod-http-auth-pam").alpine).toEqual([]);
  });
});
