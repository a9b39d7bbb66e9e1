import type { Layer } from "./types.js";

/** The project's own config wins over everything; names outside the index are the user's call. */
export const projectLayer: Layer = (name, env) => {
  if (!Object.hasOwn(env.project, name)) return undefined;
  const alpine = [...(env.project[name] ?? [])];
  const missing = alpine.filter((n) => !env.index.has(n));
  const note = missing.length
    ? ` (${missing.join(", ")} not in the Alpine ${env.release} index: another repository?)`
    : "";
  return {
    alpine,
    layer: "project-override",
    reason: `project override in packages.overrides${note}`,
  };
};
