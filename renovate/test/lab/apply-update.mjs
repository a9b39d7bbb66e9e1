// Applies proposed updates to files with Renovate's own rewrite code (doAutoReplace: replace, then
// re-extract with the same manager and check the new value and digest), so the lab proves the
// rewrite that the local platform's lookup-only mode never performs.
// Usage: node apply-update.mjs <request.json> <result.json>
//   request: {renovateDist, localDir, contents: {path: text}, steps: [{manager, packageFile (the
//             report's entry), depIndex, updateIndex}]}; steps apply in order, each to the text
//             the previous ones left. Renovate writes its intermediate states into localDir.
//   result:  {contents}, or {error} naming the step Renovate refused
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [requestPath, resultPath] = process.argv.slice(2);
const request = JSON.parse(await readFile(requestPath, "utf8"));
const load = (path) => import(pathToFileURL(join(request.renovateDist, path)).href);
const { init } = await load("logger/index.js");
const { GlobalConfig } = await load("config/global.js");
const { doAutoReplace } = await load("workers/repository/update/branch/auto-replace.js");
await init();
GlobalConfig.set({ localDir: request.localDir });

const contents = { ...request.contents };
for (const step of request.steps) {
  const { deps, ...packageFileConfig } = step.packageFile;
  const { updates, ...dep } = deps[step.depIndex];
  const upgrade = {
    ...packageFileConfig,
    ...dep,
    ...updates[step.updateIndex],
    manager: step.manager,
    depIndex: step.depIndex,
  };
  const path = packageFileConfig.packageFile;
  try {
    contents[path] = await doAutoReplace(upgrade, contents[path], false);
  } catch (error) {
    const where = `${path} ${dep.depName}:${dep.currentValue} (${upgrade.updateType})`;
    await writeFile(resultPath, JSON.stringify({ error: `${where}: ${error}` }));
    process.exit(0);
  }
}
await writeFile(resultPath, JSON.stringify({ contents }));
