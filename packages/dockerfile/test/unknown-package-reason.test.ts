import { describe, expect, it } from "vitest";
import { migrate, packageMap } from "./helpers.js";

const run = (packages: string) =>
  migrate(`FROM debian:bookworm\nRUN apt-get install -y ${packages}\n`, {
    packageMap: packageMap("3.24"),
    release: "3.24",
  });

const unknownWarning = (packages: string, name: string) =>
  run(packages).warnings.find((w) => w.message.startsWith(`no Alpine package known for ${name};`))
    ?.message;

describe("an unknown package's warning carries the map's reason where it has one", () => {
  it("libreoffice-l10n-de on 3.24 says which name to look for", () => {
    const message = unknownWarning("libreoffice-l10n-de", "libreoffice-l10n-de");
    expect(message).toContain("kept as written");
    expect(message).toContain("apk search libreoffice-lang-de");
  });

  it("a name no layer knows keeps the short warning: the map's catch-all adds nothing", () => {
    expect(unknownWarning("no-such-package-xyz", "no-such-package-xyz")).not.toContain(
      "package found for",
    );
  });
});
