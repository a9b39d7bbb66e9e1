import { describe, expect, it } from "vitest";
import { isBinShShebang, isDashShebang } from "../src/index.js";

describe("isDashShebang", () => {
  it("reads /bin/sh, /bin/dash and env sh on the first line only", () => {
    const yes = ["#!/bin/sh\n", "#!/usr/bin/sh -e\nx", "#! /bin/dash", "#!/usr/bin/env sh\r\n"];
    const no = [
      "#!/bin/bash\n",
      "#!/bin/ash",
      "#!/usr/bin/env bash",
      "echo\n#!/bin/sh",
      "#!/bin/shx",
    ];
    expect(yes.map(isDashShebang)).toEqual(yes.map(() => true));
    expect(no.map(isDashShebang)).toEqual(no.map(() => false));
  });
});

describe("isBinShShebang", () => {
  it("reads /bin/sh and env sh, not a shebang naming dash", () => {
    const yes = ["#!/bin/sh\n", "#!/usr/bin/sh -e\nx", "#!/usr/bin/env sh\r\n"];
    const no = ["#! /bin/dash", "#!/usr/bin/env dash\n", "#!/bin/bash\n", "echo\n#!/bin/sh"];
    expect(yes.map(isBinShShebang)).toEqual(yes.map(() => true));
    expect(no.map(isBinShShebang)).toEqual(no.map(() => false));
  });
});
