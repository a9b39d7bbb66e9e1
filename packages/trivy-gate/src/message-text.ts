// The quoting helpers live in @alpinize/errors, which every package shares (the Dockerfile
// migration quotes the file's words with them too); re-exported here for the gate's modules.
export { MAX_QUOTED, oneLine, quoted, withoutControls } from "@alpinize/errors";
