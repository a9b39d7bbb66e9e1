// One implementation, in @alpinize/dockerfile (migrate reads COPY words with it too).
export { withoutTrailingSlashes } from "@alpinize/dockerfile";
