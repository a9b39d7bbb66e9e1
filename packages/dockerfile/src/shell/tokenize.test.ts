import { describe, expect, it } from "vitest";
import { tokenize } from "./tokenize.js";

/** The tokens of `text`: an operator in brackets, a word or redirect as written. */
const read = (text: string) => tokenize(text).map((t) => (t.kind === "op" ? `[${t.op}]` : t.raw));

describe("tokenize: bash's case arm ends", () => {
  it("reads ;& and ;;& as operators of their own", () => {
    expect(read("case x in a) b;& c) d;;& *) e;; esac")).toEqual(
      [
        "case",
        "x",
        "in",
        "a",
        "[)]",
        "b",
        "[;&]",
        "c",
        "[)]",
        "d",
        "[;;&]",
        "*",
        "[)]",
        "e",
      ].concat(["[;;]", "esac"]),
    );
    expect(read("a ;& b ;;&\nc")).toEqual(["a", "[;&]", "b", "[;;&]", "[\n]", "c"]);
  });

  it("reads a ; before && or a &> redirect as busybox sh does", () => {
    expect(read("a;&&b")).toEqual(["a", "[;]", "[&&]", "b"]);
    expect(read("a;;&&b")).toEqual(["a", "[;;]", "[&&]", "b"]);
    expect(read("a;&>/dev/null")).toEqual(["a", "[;]", "&>/dev/null"]);
    expect(read("a;;&>f")).toEqual(["a", "[;;]", "&>f"]);
  });

  it("ends a $( ) after a case whose arms end in ;& and ;;&", () => {
    const text = "x=$(case y in a) b;& c) d;;& *) e;; esac) f";
    expect(read(text)).toEqual(["x=$(case y in a) b;& c) d;;& *) e;; esac)", "f"]);
  });
});
