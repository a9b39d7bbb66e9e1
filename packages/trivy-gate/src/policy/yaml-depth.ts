import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isSeq,
  type LineCounter,
  type YAMLError,
} from "yaml";
import { quoted } from "../message-text.js";

/**
 * Most collections nested in one another that an exceptions file may hold. It needs three (a
 * mapping, its `exceptions` list, each exception's mapping); far deeper nesting only comes from
 * a broken or hostile file, which would otherwise overflow the stack of the YAML library.
 */
export const MAX_YAML_DEPTH = 32;

/** What is wrong with a parsed document's nodes, and the line it is on. */
export interface NodeProblem {
  line: number | undefined;
  message: string;
}

const TOO_DEEP = `nested more than ${MAX_YAML_DEPTH} levels deep (an exceptions file needs 3: a list of mappings)`;

export const tooDeep = (line: number | undefined): NodeProblem => ({ line, message: TOO_DEEP });

/** Stops the walk at the first problem. */
class Stop extends Error {
  constructor(readonly problem: NodeProblem) {
    super(problem.message);
  }
}

/** A parse error that is the YAML library running out of stack on deep nesting. */
export function isStackOverflow(error: YAMLError): boolean {
  return error.code === "RESOURCE_EXHAUSTION" && /call stack/i.test(error.message);
}

/**
 * Checks the document before it is turned into values: nesting (aliases followed) within
 * {@link MAX_YAML_DEPTH}, and every alias naming an anchor set before it. Each node is measured
 * once, so an alias used many times ("billion laughs") costs no more than its anchor.
 */
export function checkNodes(doc: Document, lines: LineCounter): NodeProblem | undefined {
  const heights = new Map<unknown, number>();
  const lineOf = (node: unknown) => {
    const start = (node as { range?: [number, ...number[]] }).range?.[0];
    return start === undefined ? undefined : lines.linePos(start).line;
  };
  const height = (node: unknown, depth: number): number => {
    if (depth > MAX_YAML_DEPTH) throw new Stop(tooDeep(lineOf(node)));
    if (isAlias(node)) {
      const target = node.resolve(doc);
      // The name is the file's own text: one line, capped, like any quoted input.
      const name = quoted(node.source, 100);
      if (!target)
        throw new Stop({
          line: lineOf(node),
          message: `the alias *${name} is not defined (no &${name} anchor before it)`,
        });
      return height(target, depth);
    }
    if (!isMap(node) && !isSeq(node)) return 0;
    let h = heights.get(node);
    if (h === undefined) {
      h = 0;
      for (const item of node.items as unknown[]) {
        const parts = isPair(item) ? [item.key, item.value] : [item];
        for (const part of parts) h = Math.max(h, height(part, depth + 1));
      }
      h += 1;
      heights.set(node, h);
    }
    if (depth + h > MAX_YAML_DEPTH) throw new Stop(tooDeep(lineOf(node)));
    return h;
  };
  try {
    height(doc.contents, 0);
    return undefined;
  } catch (err) {
    if (err instanceof Stop) return err.problem;
    throw err;
  }
}
