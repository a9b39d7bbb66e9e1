import { describe, expect, it } from "vitest";
import { migrate } from "./helpers.js";

const notLiteral = (text: string) =>
  migrate(text)
    .warnings.filter((w) => /is not a literal alpinize can map/.test(w.message))
    .map((w) => w.message);

describe("$PHPIZE_DEPS in an apt-get install", () => {
  it.each(["php:8.3-fpm-bookworm", "php:8.3-cli", "wordpress:php8.3-fpm"])(
    "on %s is not warned at: the -alpine image sets it to Alpine names",
    (image) => {
      const text = `FROM ${image}\nRUN apt-get update && apt-get install -y --no-install-recommends libzip-dev $PHPIZE_DEPS\n`;
      const out = migrate(text).output;
      expect(out).toMatch(/apk add --no-cache libzip-dev \$PHPIZE_DEPS/);
      expect(notLiteral(text)).toEqual([]);
    },
  );

  it("on another image is still warned at: nothing there sets it", () => {
    const text =
      "FROM debian:bookworm\nRUN apt-get update && apt-get install -y libzip-dev $PHPIZE_DEPS\n";
    expect(notLiteral(text)).toHaveLength(1);
  });

  it("another variable on a php image is still warned at", () => {
    const text = "FROM php:8.3-fpm\nRUN apt-get update && apt-get install -y $EXTRA_PKGS\n";
    expect(notLiteral(text)).toHaveLength(1);
  });
});
