import type { Evaluation } from "../evaluation.js";
import { forDisplay } from "./display.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";

export const FORMATS = ["text", "markdown", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

/** Colour functions for the text reporter; the CLI passes its own, which honour NO_COLOR. */
export interface Style {
  bold(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
}

export interface RenderOptions {
  /** Text colours (default: none). */
  style?: Style;
  /** Repository-relative file the SARIF results point at (default `Dockerfile`). */
  sarifLocation?: string;
  /** SARIF `runAutomationDetails.id` category (default: derived from the image name). */
  sarifCategory?: string;
  /** Most rows per Markdown table and lines per text list (default 100). */
  maxRows?: number;
  /** Most SARIF results per run (default 5000, what GitHub keeps). */
  maxSarifResults?: number;
  /** Version written as the SARIF tool version and in JSON. */
  toolVersion?: string;
}

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
