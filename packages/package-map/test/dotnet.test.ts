import { describe, expect, it } from "vitest";
import { apkHas, createPackageMap, KNOWN_RELEASES } from "../src/index.js";
import { aportsNames, aportsProvided, SKIP_WITHOUT_APORTS } from "./aports-index.js";

const MAJORS = ["6", "8", "9", "10"];

describe.each(KNOWN_RELEASES)("Microsoft's .NET package names on Alpine %s", (release) => {
  const pm = createPackageMap({ release });
  const names = aportsNames(release);
  const provided = aportsProvided(release);

  it.skipIf(!names || !provided)(
    `maps each to a name apk has, where the aports index has that major (${SKIP_WITHOUT_APORTS})`,
    () => {
      for (const major of MAJORS) {
        const runtime = `dotnet${major}-runtime`;
        const d = pm.map(`dotnet-runtime-${major}.0`);
        if (names!.has(runtime)) {
          expect(d.alpine, release).toEqual([runtime]);
        } else {
          expect(d, `${release} ${major}`).toMatchObject({ alpine: [], kind: "unknown" });
          expect(d.reason).toContain(`no .NET ${major}.0 runtime`);
        }
        // aspnetcore-runtime-8.0 and dotnet-sdk-8.0 are provides of Alpine's own packages.
        for (const debian of [`aspnetcore-runtime-${major}.0`, `dotnet-sdk-${major}.0`]) {
          const mapped = pm.map(debian).alpine;
          expect(mapped.length > 0, `${release} ${debian}`).toBe(provided!.has(debian));
          for (const name of mapped) expect(apkHas(pm, name), `${release} ${name}`).toBe(true);
        }
        for (const name of d.alpine) expect(apkHas(pm, name), `${release} ${name}`).toBe(true);
      }
    },
  );
  it.skipIf(!names)(
    `maps Microsoft's other runtime parts to the names apk has, and names those in the reason (${SKIP_WITHOUT_APORTS})`,
    () => {
      const parts = [
        ["aspnetcore", "runtime"],
        ["dotnet", "hostfxr"],
        ["dotnet", "targeting-pack"],
        ["aspnetcore", "targeting-pack"],
        ["dotnet", "apphost-pack"],
      ] as const;
      for (const major of MAJORS)
        for (const [family, part] of parts) {
          const debian = `${family}-${part}-${major}.0`;
          const d = pm.map(debian);
          // The index reads the subpackage's name with the `.0` apk's name does not have.
          const spelled = `${family}${major}.0-${part}`;
          if (names!.has(spelled)) {
            const alpine = `${family}${major}-${part}`;
            expect(d.alpine, `${release} ${debian}`).toEqual([alpine]);
            expect(apkHas(pm, alpine), `${release} ${alpine}`).toBe(true);
            expect(d.reason, `${release} ${debian}`).toContain(alpine);
          } else {
            expect(d, `${release} ${debian}`).toMatchObject({ alpine: [], kind: "unknown" });
          }
          expect(d.reason, `${release} ${debian}`).not.toContain(spelled);
        }
    },
  );

  // It gave "?" with no advice: Alpine has no runtime-deps package, only the libraries it lists.
  it.skipIf(!names)(
    `maps dotnet-runtime-deps-N.0 to the libraries it stands for, each one apk has (${SKIP_WITHOUT_APORTS})`,
    () => {
      for (const major of MAJORS) {
        const d = pm.map(`dotnet-runtime-deps-${major}.0`);
        expect(d, `${release} ${major}`).toMatchObject({
          alpine: ["icu-libs", "libgcc", "libssl3", "libstdc++", "zlib"],
          kind: "split",
        });
        for (const name of d.alpine) expect(names!.has(name), `${release} ${name}`).toBe(true);
        expect(d.reason).toContain(`no .NET ${major}.0 runtime-deps package`);
        expect(d.reason).toContain("linux-musl-x64");
      }
    },
  );
});
