import { replaceFromVariables } from "@alpinize/dockerfile";

/**
 * The image with each variable replaced by `placeholder`, for judging it by its readable parts.
 * (Expanding them from the global ARG defaults is @alpinize/dockerfile's expandReference.)
 */
export function withPlaceholders(image: string, placeholder: string): string {
  return replaceFromVariables(image, () => placeholder);
}
