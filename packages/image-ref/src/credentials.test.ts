import { describe, expect, it } from "vitest";
import {
  dockerLoginCommand,
  findCredentials,
  ImageReferenceError,
  maskCredentials,
  maskPasswords,
  maskReference,
  maskSecrets,
  maskText,
  parseImageReference,
  SECRET_QUERY_PARAMS,
  withoutCredentials,
} from "./index.js";

const PASSWORD = "Zebra-S3cret-Pw-4711";
const D = `sha256:${"c".repeat(64)}`;

/** Every text a failed parse hands out: message, hint and the JSON form. */
function failure(input: string): ImageReferenceError {
  try {
    parseImageReference(input);
  } catch (err) {
    if (err instanceof ImageReferenceError) return err;
    throw err;
  }
  throw new Error(`${input} parsed`);
}

describe("maskReference", () => {
  it.each([
    [
      `http://bob:${PASSWORD}@127.0.0.1:5000/team/app:1.0`,
      "http://***@127.0.0.1:5000/team/app:1.0",
    ],
    [`bob:${PASSWORD}@127.0.0.1:5000/team/app:1.0`, "***@127.0.0.1:5000/team/app:1.0"],
    ["bob@ghcr.io/o/r:1", "***@ghcr.io/o/r:1"],
    [`docker://bob:${PASSWORD}@localhost/x`, "docker://***@localhost/x"],
    [`bob:${PASSWORD}@127.0.0.1:5000`, "***@127.0.0.1:5000"],
    [`bob:${PASSWORD}@localhost`, "***@localhost"],
    [`https://bob:${PASSWORD}@registry.example.com`, "https://***@registry.example.com"],
    // A password may hold "@" or "/": everything up to the last "@" before the host goes.
    [`bob:Zeb@ra/${PASSWORD}@host.io/x:1`, "***@host.io/x:1"],
    [`bob:${PASSWORD}@host.io/x:1@${D}`, `***@host.io/x:1@${D}`],
    // name:tag@garbage: the tag could be a password.
    [`bob:${PASSWORD}@latest`, "***@latest"],
    // No reference has two "@": up to the last one not followed by a digest goes.
    [`alice:Zq9@x/y:${PASSWORD}@debian:bookworm`, "***@debian:bookworm"],
    [`alice:Zq9@x/y:${PASSWORD}@debian:bookworm@${D}`, `***@debian:bookworm@${D}`],
    [`alice:Zq9@x/y:${PASSWORD}@debian:bookworm@sha256:zz`, "***@debian:bookworm@sha256:zz"],
    [`http://alice:a@b/${PASSWORD}@debian`, "http://***@debian"],
    [`alice:${PASSWORD}@debian:bookworm`, "***@debian:bookworm"],
    [`alice@${PASSWORD}@debian`, "***@debian"],
  ])("%s", (input, masked) => {
    expect(maskReference(input)).toBe(masked);
    expect(maskReference(input)).not.toContain(PASSWORD);
  });

  it.each([
    "alpine",
    "alpine:3.23",
    `alpine@${D}`,
    `ghcr.io/o/r:1.2@${D}`,
    `127.0.0.1:5000/team/app:1.0@${D}`,
    `alpine@sha256:${"C".repeat(64)}`,
    "alpine@sha256:abc",
    "alpine@3.19",
    "[::1]:5000/app:v1",
    `debian:bookworm@${D}`,
    `docker.io/library/debian:bookworm@${D}`,
  ])("leaves %s as it is", (input) => {
    expect(maskReference(input)).toBe(input);
  });
});

describe("maskCredentials", () => {
  it("masks each reference in a line and keeps the rest", () => {
    const line = `FROM bob:${PASSWORD}@127.0.0.1:5000/team/app:1.0 AS build "u:${PASSWORD}@h.io/x"`;
    expect(maskCredentials(line)).toBe(
      'FROM ***@127.0.0.1:5000/team/app:1.0 AS build "***@h.io/x"',
    );
  });
});

describe("maskPasswords", () => {
  it("masks each user:password@ of a line, also in a URL, and keeps the rest", () => {
    const line = `RUN curl -fsSL https://carol:${PASSWORD}@example.com/x.tgz && git clone "u:${PASSWORD}@h.io/o/r"`;
    expect(maskPasswords(line)).toBe(
      'RUN curl -fsSL https://***@example.com/x.tgz && git clone "***@h.io/o/r"',
    );
  });

  it("keeps a flag, a variable name or a bracket before the masked part", () => {
    expect(
      maskPasswords(
        `COPY --from=f:${PASSWORD}@reg.example/img:1 /x /x; URL=https://u:${PASSWORD}@h.io/a (https://u:${PASSWORD}@h.io/b)`,
      ),
    ).toBe("COPY --from=***@reg.example/img:1 /x /x; URL=https://***@h.io/a (https://***@h.io/b)");
    // No flag or name: the `:` ends no NAME=, so the whole userinfo goes.
    expect(maskPasswords(`a=b:${PASSWORD}@h.io/x`)).toBe("a=***@h.io/x");
    expect(maskPasswords(`u:p=${PASSWORD}@h.io/x`)).toBe("***@h.io/x");
  });

  it.each([
    "git clone git@github.com:o/r.git",
    "COPY packages/@scope/app/entry.sh /usr/local/bin/",
    "npm install -g @angular/cli@17.0.0",
    `FROM debian:bookworm@${D}`,
    "LABEL maintainer=a@b.example",
    // A URL's user alone is no password; an `@` in a URL's path, after a port, is no userinfo.
    "RUN curl https://TOKEN@h.example/o/r.git",
    "RUN npm view https://registry.example:443/@scope/pkg",
    "RUN curl https://h.example/a?token=abc",
  ])("leaves a text without a password as it is: %s", (text) => {
    expect(maskPasswords(text)).toBe(text);
  });

  it("masks a URL's password up to its host, not to an @ in its path", () => {
    expect(maskPasswords(`https://u:${PASSWORD}@h.example:443/@scope/pkg`)).toBe(
      "https://***@h.example:443/@scope/pkg",
    );
  });
});

describe("maskSecrets", () => {
  it.each([
    [`u:${PASSWORD}@127.0.0.1:9/x:1`, "***@127.0.0.1:9/x:1"],
    ["https://TOKEN@h.example/o/r.git", "https://***@h.example/o/r.git"],
    ["https://u:p@ss@h.example/x", "https://***@h.example/x"],
    ["https://u:p/w@h.example/x", "https://***@h.example/x"],
    ["URL=https://u:pw@h.example/x", "URL=https://***@h.example/x"],
    ["https://h.example/a?x=1&Private_Token=abc#f", "https://h.example/a?x=1&Private_Token=***#f"],
    ["see (https://h.example/o?sig=abc&se=2026)", "see (https://h.example/o?sig=***&se=2026)"],
    // Text from scan reports (trivy-gate re-exports maskSecrets for them).
    ["u:pw@127.0.0.1:9/x:1", "***@127.0.0.1:9/x:1"],
    ["see https://u:pw@h.example/x (alpine 3.22)", "see https://***@h.example/x (alpine 3.22)"],
    ["(https://u:pw@h.example/x)", "(https://***@h.example/x)"],
    ["https://h.example/a?x=1&access_token=abc#f", "https://h.example/a?x=1&access_token=***#f"],
    [
      "https://s3.example/o?X-Amz-Signature=abc&X-Amz-Date=1",
      "https://s3.example/o?X-Amz-Signature=***&X-Amz-Date=1",
    ],
  ])("masks %s", (text, masked) => {
    expect(maskSecrets(text)).toBe(masked);
  });

  it.each([
    "app/node_modules/@scope/pkg/package.json",
    "https://registry.npmjs.org/@scope/pkg",
    "https://registry.example:443/@scope/pkg",
    "git@github.com:o/r.git",
    "npm install -g @angular/cli@17.0.0",
    `alpine@sha256:${"ab".repeat(32)}`,
    "https://h.example/search?q=token&monkey=1&tokens=2",
    "https://h.example/search?q=token&monkey=1",
    "Is it fixed?",
  ])("leaves %s as it is", (text) => {
    expect(maskSecrets(text)).toBe(text);
  });

  it("is maskText with a URL's user and the query list, which maskPasswords leaves out", () => {
    const text = "https://TOKEN@h.example/x?token=abc https://u:pw@h.example/y";
    expect(maskText(text, { urlUser: true, query: true })).toBe(maskSecrets(text));
    expect(maskText(text)).toBe(maskPasswords(text));
    expect(maskText(text, { query: true })).toBe(
      "https://TOKEN@h.example/x?token=*** https://***@h.example/y",
    );
    expect([...SECRET_QUERY_PARAMS]).toEqual(expect.arrayContaining(["token", "x-amz-signature"]));
  });
});

describe("package URLs (pkg:type/namespace/name@version)", () => {
  it.each([
    "pkg:apk/alpine/zlib@1.3.1-r2",
    "exception CVE-2026-2002 (pkg:apk/alpine/zlib@1.3.1-r2) until 2027-01-31",
    "pkg:golang/github.com/foo/bar@v1.2.3",
    "pkg:deb/debian/curl@7.88.1-10+deb12u5?arch=amd64&distro=debian-12",
    "pkg:deb/debian/zlib1g@1:1.2.13?arch=amd64&distro=debian-12.11",
    "pkg:rpm/redhat/openssl@1:3.0.7-27.el9?arch=x86_64",
    "pkg:npm/%40angular/cli@17.0.0",
    "pkg:npm/@angular/cli@17.0.0",
    "pkg:npm/@angular/cli",
    "PKG:Maven/org.apache/commons-io@2.11.0#sub/path",
    "purl=pkg:oci/debian@sha256:abc?repository_url=docker.io/library/debian",
    "pkg://apk/alpine/zlib@1.3.1-r2",
  ])("leaves %s as it is", (text) => {
    expect(maskSecrets(text)).toBe(text);
    expect(maskPasswords(text)).toBe(text);
  });

  it.each([
    [
      "pkg:oci/x@sha256:abc?repository_url=https://u:pw@r.example/x",
      "pkg:oci/x@sha256:abc?repository_url=https://***@r.example/x",
    ],
    [
      "pkg:generic/x@1?download_url=https://h.example/x.tgz&token=abc",
      "pkg:generic/x@1?download_url=https://h.example/x.tgz&token=***",
    ],
    // No package URL: its "version" holds a path, so it reads as credentials before a host.
    ["pkg:docker/u:pw@r.example/x:1", "pkg:docker/***@r.example/x:1"],
    [
      "https://u:pw@h.example/x pkg:apk/alpine/zlib@1",
      "https://***@h.example/x pkg:apk/alpine/zlib@1",
    ],
    ["u:pw@h.example/path", "***@h.example/path"],
  ])("masks a credential in or beside %s", (text, masked) => {
    expect(maskSecrets(text)).toBe(masked);
  });

  // Fail closed: a word is printed as a purl only when no part of it can hold a credential;
  // otherwise it is masked as any word, but for its `pkg:TYPE/`, which holds none.
  it.each([
    ["pkg:x/u:pw@host", "pkg:x/***@host"],
    ["pkg:docker/u:pw@registry.example:5000", "pkg:docker/***@registry.example:5000"],
    ["pkg:x/u:pw@h.example?arch=x", "pkg:x/***@h.example?arch=x"],
    ["pkg:x/u:pw@[::1]", "pkg:x/***@[::1]"],
    ["pkg:x/u%3Apw@host", "pkg:x/***@host"],
    ["pkg:x/y@1:pw@host", "pkg:x/***@host"],
    ["pkg:deb/debian/u:pw@1:1.2", "pkg:deb/***@1:1.2"],
    ["(pkg:x/u:pw@host)", "(pkg:x/***@host)"],
    ["pkg://x/u:pw@host", "pkg://x/***@host"],
    ["purl=pkg:x/tok@h.example:5000", "purl=pkg:x/***@h.example:5000"],
    ["pkg:x/y@1#https://u:pw@h.example/x", "pkg:x/y@1#https://***@h.example/x"],
    ["pkg:x/y@1?a=b#u:pw@h.example/x", "pkg:x/y@1?a=b#***@h.example/x"],
    ["pkg:x/y@1,https://u:pw@h.example", "pkg:x/***@h.example"],
    ["pkg:x/y@https://u:pw@h.example", "pkg:x/***@h.example"],
    [
      "pkg:generic/x@1?download_url=https://h/x.tgz?token=abc",
      "pkg:generic/x@1?download_url=https://h/x.tgz?token=***",
    ],
    [
      "pkg:oci/x@1?repository_url=https%3A%2F%2Fu%3Apw%40r.example%2Fx",
      "pkg:oci/x@1?repository_url=https%3A%2F%2F***%40r.example%2Fx",
    ],
  ])("masks %s as a word that is no package URL", (text, masked) => {
    expect(maskSecrets(text)).toBe(masked);
    expect(maskPasswords(text)).toBe(masked.replace("token=***", "token=abc"));
  });
});

describe("withoutCredentials", () => {
  it("drops the scheme and the userinfo", () => {
    expect(withoutCredentials(`http://bob:${PASSWORD}@127.0.0.1:5000/team/app:1.0`)).toBe(
      "127.0.0.1:5000/team/app:1.0",
    );
    expect(withoutCredentials("docker://alpine")).toBe("alpine");
    expect(withoutCredentials("alpine:3")).toBe("alpine:3");
  });
});

describe("a reference with credentials", () => {
  it.each([
    `http://bob:${PASSWORD}@127.0.0.1:5000/team/app:1.0`,
    `bob:${PASSWORD}@127.0.0.1:5000/team/app:1.0`,
    `bob:Zeb@${PASSWORD}@127.0.0.1:5000/team/app:1.0`,
    `bob:${PASSWORD} x@127.0.0.1:5000/team/app:1.0`,
    `  bob:${PASSWORD}@127.0.0.1:5000/${"a".repeat(600)}`,
  ])("is refused without showing the password: %s", (input) => {
    const err = failure(input);
    const everything = [err.message, err.hint ?? "", JSON.stringify(err.toJSON())].join("\n");
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain("Zeb");
    expect(err.code).toBe("ALPINIZE_REF_INVALID");
    expect(err.details.reference).toContain("***@127.0.0.1:5000/");
  });

  it("says what to write instead and where credentials come from", () => {
    const err = failure(`http://bob:${PASSWORD}@127.0.0.1:5000/team/app:1.0`);
    expect(err.message).toBe(
      'invalid image reference "http://***@127.0.0.1:5000/team/app:1.0": it carries credentials ("user:password@" or "user@" before the registry), which image references never have',
    );
    expect(err.hint).toMatch(/^Write 127\.0\.0\.1:5000\/team\/app:1\.0 \(/);
    expect(err.hint).toContain('"docker login 127.0.0.1:5000"');
    expect(err.hint).toContain("$DOCKER_CONFIG/config.json");
    expect(err.hint).toContain("$REGISTRY_AUTH_FILE");
    // What the hint suggests is itself a reference that parses.
    const suggested = /^Write (\S+) /.exec(err.hint ?? "")?.[1];
    expect(parseImageReference(suggested!).repository).toBe("team/app");
  });

  it("a password holding @, / and : is masked whole, and the hint names the image after the last @", () => {
    const input = "alice:Zq9@x/y:SECRETPW77@debian:bookworm";
    const err = failure(input);
    const everything = [err.message, err.hint ?? "", JSON.stringify(err.toJSON())].join("\n");
    for (const fragment of ["SECRETPW77", "Zq9", "alice", "x/y"]) {
      expect(everything).not.toContain(fragment);
    }
    expect(err.message).toContain('"***@debian:bookworm": it carries credentials');
    expect(err.hint).toMatch(/^Write debian:bookworm \(/);
    // Docker Hub is implied: its login names no host.
    expect(err.hint).toContain('log in with "docker login":');
  });

  it("names the registry host to log in to, when one follows", () => {
    expect(failure("bob:pw@localhost").hint).toContain('"docker login localhost"');
    expect(failure("https://bob:pw@registry.example.com").hint).toContain(
      '"docker login registry.example.com"',
    );
    expect(failure("bob:p@w@ghcr.io/o/r:1").hint).toContain('"docker login ghcr.io"');
  });

  it("user@ alone is refused too, masked", () => {
    const err = failure("bob@127.0.0.1:5000/team/app:1.0");
    expect(err.message).toContain('"***@127.0.0.1:5000/team/app:1.0"');
    expect(err.message).not.toContain("bob");
  });

  it("name:tag@garbage is a bad digest, shown masked", () => {
    const err = failure(`bob:${PASSWORD}@latest`);
    expect(err.message).toBe(
      'invalid image reference "***@latest": the part after "@" is not a digest',
    );
  });

  it("keeps the old diagnosis where no credentials can be", () => {
    expect(failure("alpine@3.19").message).toBe(
      'invalid image reference "alpine@3.19": "3.19" is not a digest',
    );
    expect(failure("http://alpine:3").hint).toBe('Drop "http://": write alpine:3.');
  });
});

describe("user:password@name:tag (Docker Hub implied)", () => {
  it.each([
    [`alice:${PASSWORD}@debian:12`, "debian:12"],
    [`alice:${PASSWORD}@debian:bookworm`, "debian:bookworm"],
    [`alice:${PASSWORD}@library/debian`, "library/debian"],
    [`alice:${PASSWORD}@debian:bookworm@${D}`, `debian:bookworm@${D}`],
  ])("%s is refused as credentials, with a plain docker login", (input, image) => {
    const err = failure(input);
    expect(err.message).toMatch(/^invalid image reference "\*\*\*@(?:debian|library)/);
    expect(err.message).toContain(": it carries credentials");
    expect(err.details.reference).toBe(`***@${image}`);
    expect(err.hint).toContain(`Write ${image.slice(0, 30)}`);
    expect(err.hint).toContain('log in with "docker login":');
    const everything = [err.message, err.hint ?? "", JSON.stringify(err.toJSON())].join("\n");
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain("alice");
  });

  it("finds the span, also with a variable tag, and not for a bare word after @", () => {
    expect(findCredentials(`alice:${PASSWORD}@debian:bookworm`)).toMatchObject({ start: 0 });
    expect(findCredentials(`alice:${PASSWORD}@debian:\${TAG}`)).toBeDefined();
    expect(findCredentials("debian:12@latest")).toBeUndefined();
    expect(findCredentials("alpine@3.19")).toBeUndefined();
    expect(findCredentials(`alpine@${D}`)).toBeUndefined();
  });
});

describe("dockerLoginCommand", () => {
  it.each([
    ["debian:12", "docker login"],
    ["debian:bookworm", "docker login"],
    ["library/debian:12", "docker login"],
    ["docker.io/library/debian:12", "docker login"],
    ["index.docker.io/library/debian", "docker login"],
    ["127.0.0.1:5000", "docker login 127.0.0.1:5000"],
    ["127.0.0.1:5000/team/app:1.0", "docker login 127.0.0.1:5000"],
    ["localhost", "docker login localhost"],
    ["localhost:5000", "docker login localhost:5000"],
    ["registry.example.com", "docker login registry.example.com"],
    ["ghcr.io/o/r:1", "docker login ghcr.io"],
    ["[::1]:5000/app", "docker login [::1]:5000"],
  ])("%s → %s", (reference, login) => {
    expect(dockerLoginCommand(reference)).toBe(login);
  });
});
