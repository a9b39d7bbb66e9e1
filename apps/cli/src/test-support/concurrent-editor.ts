import { afterEach } from "vitest";

/**
 * FAKE concurrent editor: `edit`, when set, runs inside a library call wrapped by
 * {@link editingBefore}, that is between a command's read of a file and its write.
 */
export const editor: { edit: (() => void) | undefined } = { edit: undefined };

/**
 * For a vi.mock factory: the real module with `name` wrapped so that `editor.edit` runs first.
 * The factory must import this module dynamically (vi.mock is hoisted above static imports).
 */
export function editingBefore<M extends object>(real: M, name: keyof M & string): M {
  const call = real[name] as (...args: unknown[]) => unknown;
  return {
    ...real,
    [name]: (...args: unknown[]) => {
      editor.edit?.();
      return call(...args);
    },
  };
}

/** Clears `editor.edit` after each test of the calling file or describe; returns the editor. */
export function useEditor(): typeof editor {
  afterEach(() => {
    editor.edit = undefined;
  });
  return editor;
}
