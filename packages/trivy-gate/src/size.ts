// Every alpinize message words a size the same way: the one formatter is in @alpinize/errors.
export { formatBytes } from "@alpinize/errors";
