import type { Evaluation } from "../evaluation.js";
import { forDisplay } from "./display.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import type { RenderOptions } from "./options.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";

export type { RenderOptions, Style } from "./options.js";

export const FORMATS = ["text", "markdown", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Renders one evaluation; every format shows the same verdict. Credentials in the report's
 * strings (`user:password@`, URL userinfo, `?token=`) are masked here, once for every format.
 */
export function render(
  evaluation: Evaluation,
  format: Format,
  options: RenderOptions = {},
): string {
  const shown = forDisplay(evaluation);
  switch (format) {
    case "text":
      return renderText(shown, options);
    case "markdown":
      return renderMarkdown(shown, options);
    case "json":
      return renderJson(shown, options);
    case "sarif":
      return renderSarif(shown, options);
  }
}
