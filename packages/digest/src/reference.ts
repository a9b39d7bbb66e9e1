import { type ImageReference, ImageReferenceError, parseImageReference } from "@alpinize/image-ref";

/**
 * The longest `registry/repository` name the distribution spec lets clients send (Docker's
 * reference parser refuses longer ones as "repository name must not be more than 255 characters").
 */
export const MAX_NAME_LENGTH = 255;

/**
 * Parses a reference that is to be sent to a registry: the grammar, and the name length, which
 * is refused here (exit 2) rather than left to a registry's 400 or 404.
 */
export function parseRegistryReference(text: string): ImageReference {
  const ref = parseImageReference(text);
  const name = `${ref.registry}/${ref.repository}`;
  if (name.length > MAX_NAME_LENGTH) {
    throw new ImageReferenceError(
      text,
      `the name ${ref.registry}/… is ${name.length} characters long, more than the ${MAX_NAME_LENGTH} the distribution spec allows`,
      "Shorten the repository path: registries and Docker refuse names (registry/repository) over 255 characters.",
    );
  }
  return ref;
}
