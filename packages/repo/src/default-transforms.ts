import * as dockerfile from "@alpinize/dockerfile";
import * as entrypoint from "@alpinize/entrypoint";
import { createPackageMap, type PackageMap } from "@alpinize/package-map";
import {
  type DockerfileOptions,
  type DockerfileResult,
  type ScriptOptions,
  type ScriptResult,
  type Transforms,
  TransformUnavailableError,
  type TransformWarning,
} from "./transforms.js";

type AnyFn = (...args: unknown[]) => unknown;

/** The real transforms from @alpinize/dockerfile and @alpinize/entrypoint, with one package map per release. */
export function defaultTransforms(): Transforms {
  const maps = new Map<string, PackageMap>();
  const mapFor = (release: string | undefined, overrides: Record<string, string[]> | undefined) => {
    const key = `${release ?? ""}\u0000${JSON.stringify(overrides ?? {})}`;
    let map = maps.get(key);
    if (!map) {
      map = createPackageMap({
        ...(release ? { release } : {}),
        ...(overrides ? { overrides } : {}),
      });
      maps.set(key, map);
    }
    return map;
  };
  return {
    migrateDockerfile(text: string, options: DockerfileOptions): DockerfileResult {
      const migrate = pick(dockerfile, "migrateDockerfile", "@alpinize/dockerfile");
      return migrate(text, {
        fileName: options.fileName,
        packageMap: mapFor(options.release, options.overrides),
        ...(options.release ? { release: options.release } : {}),
        ...(options.readContextFile ? { readContextFile: options.readContextFile } : {}),
        ...(options.gosuDownload ? { gosuDownload: options.gosuDownload } : {}),
        // The plan rewrites the scripts these Dockerfiles copy: their gosu calls follow su-exec.
        migratesScripts: true,
      }) as DockerfileResult;
    },
    rewriteEntrypoint(text: string, options: ScriptOptions): ScriptResult {
      const rewrite = pick(entrypoint, "rewriteEntrypoint", "@alpinize/entrypoint");
      // Inlined shims keep the rewritten script self-contained: no extra COPY in the Dockerfile.
      const result = rewrite(text, {
        ...options,
        shimSource: "inline",
      }) as Partial<ScriptResult> & { findings?: TransformWarning[] };
      return {
        output: result.output ?? text,
        changed: result.changed ?? result.output !== text,
        warnings: normalizeFindings(result.warnings ?? result.findings ?? []),
        edits: normalizeFindings(result.edits ?? []),
      };
    },
    assertRelease(release: string): void {
      pick(dockerfile, "assertKnownRelease", "@alpinize/dockerfile")(release);
    },
    lintEntrypoint(text: string, options: { fileName: string }): TransformWarning[] {
      const lint = pick(entrypoint, "lintEntrypoint", "@alpinize/entrypoint");
      const result = lint(text, options) as unknown;
      const list = Array.isArray(result)
        ? result
        : ((result as { findings?: unknown[] })?.findings ?? []);
      return normalizeFindings(list);
    },
  };
}

function pick(mod: object, name: string, pkg: string): AnyFn {
  const fn = (mod as Record<string, unknown>)[name];
  if (typeof fn !== "function") throw new TransformUnavailableError(name, pkg);
  return fn as AnyFn;
}

function normalizeFindings(list: unknown[]): TransformWarning[] {
  return list.map((item) => {
    const f = item as Partial<TransformWarning> & { id?: string; code?: string; fix?: string };
    const message = f.message ?? String(item);
    return {
      rule: f.rule ?? f.id ?? f.code ?? "lint",
      message: f.fix ? `${message}; ${f.fix}` : message,
      ...(f.severity === "error" || f.severity === "warning" ? { severity: f.severity } : {}),
      line: typeof f.line === "number" ? f.line : 1,
      ...(typeof f.column === "number" ? { column: f.column } : {}),
    };
  });
}
