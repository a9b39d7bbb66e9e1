import { registerHooks } from "node:module";

// Node strips the types of src/*.ts but resolves `./x.js` literally, while the sources import
// each other with the .js specifiers NodeNext wants. For a relative .js import with no such
// file, this resolves the .ts beside it, so a child process can run the sources without a build.
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (err) {
      if (!/^\.\.?\/.*\.js$/.test(specifier)) throw err;
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
  },
});
