import { createPackageMap } from "@alpinize/package-map";
import { describe, expect, it } from "vitest";
import { MigrationContext } from "../src/migrate/context.js";
import { parseDockerfile } from "../src/parse/dockerfile.js";
import { migrateFromLines } from "../src/rules/from.js";
import {
  alpineImageAccounts,
  imageAccount,
  imageGroupWithGid,
} from "../src/rules/image-accounts.js";
import { analyzeStages } from "../src/stages.js";
import { migrate } from "./helpers.js";

const packageMap = createPackageMap({ release: "3.23" });

/** The context and the last stage of a file, after rule 1 (which reads the global ARGs). */
function lastStage(text: string) {
  const doc = parseDockerfile(text);
  const ctx = new MigrationContext(doc, packageMap, "3.23");
  const model = analyzeStages(doc);
  migrateFromLines(ctx, model);
  return { ctx, stage: model.stages.at(-1)! };
}

describe("users and groups the official images create in their Alpine variants too", () => {
  it("knows node's node (1000), through FROM chains and a FROM $ARG default", () => {
    for (const text of [
      "FROM node:24-bookworm-slim\n",
      "FROM node:22-bookworm AS base\nFROM base\n",
      "ARG IMAGE=node:20-slim\nFROM $IMAGE\n",
    ]) {
      const { ctx, stage } = lastStage(text);
      expect(imageAccount(ctx, stage, "node")?.alpine).toEqual({ uid: 1000, gid: 1000 });
      expect(imageGroupWithGid(ctx, stage, "1000")).toBe("node");
    }
  });

  it("reads a numeric GID as the Debian image meant it: postgres 999 is postgres (70 on Alpine)", () => {
    const { ctx, stage } = lastStage("FROM postgres:16-bookworm\n");
    expect(imageGroupWithGid(ctx, stage, "999")).toBe("postgres");
    expect(imageAccount(ctx, stage, "postgres")?.alpine).toEqual({ uid: 70, gid: 70 });
    const redis = lastStage("FROM redis:7.2\n");
    expect(imageGroupWithGid(redis.ctx, redis.stage, "999")).toBe("redis");
    expect(imageAccount(redis.ctx, redis.stage, "redis")?.alpine).toEqual({ uid: 999, gid: 1000 });
  });

  it("knows nothing of images that create no account, or of other names and IDs", () => {
    const { ctx, stage } = lastStage("FROM debian:12\n");
    expect(imageAccount(ctx, stage, "node")).toBeUndefined();
    expect(imageGroupWithGid(ctx, stage, "1000")).toBeUndefined();
    const node = lastStage("FROM node:24-slim\n");
    expect(imageAccount(node.ctx, node.stage, "nginx")).toBeUndefined();
    expect(imageGroupWithGid(node.ctx, node.stage, "999")).toBeUndefined();
    expect(imageGroupWithGid(node.ctx, node.stage, "$GID")).toBeUndefined();
  });

  it("flags numeric uses of a service UID the Alpine variant changes (rabbitmq 999 -> 100)", () => {
    const r = migrate("FROM rabbitmq:4.2\nRUN chown -R 999 /var/lib/rabbitmq\n");
    expect(r.warnings.map((w) => w.message)).toContain(
      "rabbitmq is UID 999 in the Debian image and 100 in its Alpine variant: use the name (rabbitmq) or 100",
    );
  });

  it("lets the user tools use the image's own group: no false warning, a numeric GID by name", () => {
    const r = migrate(
      "FROM node:22-bookworm-slim\nRUN useradd -m -g 1000 worker && usermod -aG node worker\n",
    );
    // busybox adduser -G takes a name; node:*-alpine has group node at 1000.
    expect(r.output).toContain("RUN adduser -D -G node worker && addgroup worker node\n");
    expect(r.warnings.filter((w) => /group node|1000/.test(w.message))).toEqual([]);
    const pg = migrate("FROM postgres:16\nRUN useradd -g 999 backup\n");
    expect(pg.output).toContain("RUN adduser -D -G postgres -H backup\n");
    // On a plain base the same GID is not a group busybox could look up by name.
    const plain = migrate("FROM debian:12\nRUN usermod -aG node worker\n");
    expect(
      plain.warnings.some((w) => /group node is not in Alpine's base image/.test(w.message)),
    ).toBe(true);
  });

  it("gives alpinize check what each -alpine tag adds to Alpine's base accounts", () => {
    const alpine = (repo: string) =>
      alpineImageAccounts(repo).map((a) => `${a.name} ${a.alpine.uid}:${a.alpine.gid}`);
    expect(alpine("node")).toEqual(["node 1000:1000"]);
    expect(alpine("rabbitmq")).toEqual(["rabbitmq 100:101"]);
    expect(alpine("memcached")).toEqual(["memcache 11211:11211"]);
    // php's www-data (82) goes into the www-data group Alpine's base has; the images on php keep it.
    for (const repo of ["php", "wordpress", "httpd"])
      expect(alpine(repo)).toEqual(["www-data 82:82"]);
    expect(alpine("alpine")).toEqual([]);
    expect(alpine("python")).toEqual([]);
  });

  it("reads php's and httpd's Debian GID 33 as www-data, and flags UID 33 on httpd too", () => {
    const php = migrate("FROM php:8.3-fpm\nRUN useradd -u 1000 -g 33 app\n");
    expect(php.output).toContain("RUN adduser -D -u 1000 -G www-data -H app\n");
    const httpd = migrate("FROM httpd:2.4\nRUN chown -R 33 /usr/local/apache2/htdocs\n");
    expect(httpd.warnings.some((w) => /www-data is UID 33/.test(w.message))).toBe(true);
  });
});
