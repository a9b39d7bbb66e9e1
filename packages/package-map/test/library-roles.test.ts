import { describe, expect, it } from "vitest";
import { createPackageMap } from "../src/index.js";

const pm = createPackageMap({ release: "3.23" });
const alpine = (name: string) => pm.map(name).alpine;

describe("library roles inside a joined origin", () => {
  it("finds a subpackage named after the library without its lib prefix", () => {
    expect(alpine("libblas3")).toEqual(["blas"]);
    expect(alpine("libhdf5-hl-100")).toEqual(["hdf5-hl"]);
    expect(alpine("libgpgmepp6")).toEqual(["gpgmepp"]);
  });

  it("finds Alpine's spelling of one library of a split origin", () => {
    expect(alpine("libboost-program-options1.74.0")).toEqual(["boost1.84-program_options"]);
    expect(alpine("libboost-python1.74.0")).toEqual(["boost1.84-python3"]);
    expect(alpine("libwayland-client0")).toEqual(["wayland-libs-client"]);
    expect(alpine("libfftw3-double3")).toEqual(["fftw-double-libs"]);
    expect(alpine("libcom-err2")).toEqual(["libcom_err"]);
  });

  it("keeps a -libs package over the bare origin and reads whole words only", () => {
    expect(alpine("libmemcached11")).toEqual(["libmemcached-libs"]);
    expect(alpine("libvaladoc-0.56-0")).not.toContain("vala-doc");
  });

  it("follows the API version in the name to that API's origin", () => {
    expect(alpine("libwebkit2gtk-4.1-0")).toEqual(["webkit2gtk-4.1"]);
    expect(alpine("libwebkit2gtk-4.1-dev")).toEqual(["webkit2gtk-4.1-dev"]);
    expect(alpine("gir1.2-webkit2-4.1")).toEqual(["webkit2gtk-4.1"]);
    expect(pm.map("libwebkit2gtk-4.1-0").reason).toMatch(/API 4\.1/);
  });
});

describe("tool packages inside a joined origin", () => {
  it("maps a package whose every command has its own subpackage to those", () => {
    expect(alpine("librsvg2-bin")).toEqual(["rsvg-convert"]);
    expect(alpine("kubernetes-client")).toEqual(["kubectl"]);
    expect(alpine("cmake-curses-gui")).toEqual(["ccmake"]);
    expect(alpine("clamav-freshclam")).toEqual(["freshclam"]);
  });

  it("never maps a -server package to the origin's client", () => {
    expect(alpine("tigervnc-standalone-server")).toEqual(["tigervnc"]);
    expect(alpine("nbd-server")).toEqual(["nbd"]);
  });

  it("maps smbclient to Alpine's samba-client, not the server", () => {
    expect(alpine("smbclient")).toEqual(["samba-client"]);
  });

  it("maps a package of programs whose Alpine origin is the library to its tools subpackage", () => {
    // Debian builds the programs as their own binary named after the project; Alpine's lib…
    // main package has none of them.
    expect(alpine("webp")).toEqual(["libwebp-tools"]);
    expect(alpine("psl")).toEqual(["libpsl-utils"]);
    expect(alpine("zipcmp")).toEqual(["libzip-tools"]);
    expect(alpine("spfquery")).toEqual(["libspf2-tools"]);
    // A library binary of the same origin stays the library.
    expect(alpine("libpsl5")).toEqual(["libpsl"]);
  });
});
