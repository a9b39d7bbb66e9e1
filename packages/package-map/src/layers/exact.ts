import type { Layer } from "./types.js";

export const exactLayer: Layer = (name, env) => {
  if (env.index.isReal(name)) {
    return {
      alpine: [name],
      kind: "exact",
      layer: "exact",
      reason: `${name} exists in Alpine ${env.release} under the same name`,
    };
  }
  const providers = env.index.providers(name);
  if (providers.length === 0) return undefined;
  return {
    alpine: [name],
    kind: "exact",
    layer: "exact",
    reason: `${name} is a virtual name in Alpine ${env.release}, provided by ${providers.slice(0, 4).join(", ")}`,
  };
};
