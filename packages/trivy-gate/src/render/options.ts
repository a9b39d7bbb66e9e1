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
