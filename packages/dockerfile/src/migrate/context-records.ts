import type { Instruction } from "../parse/types.js";
import type { Stage } from "../stages.js";

// What MigrationContext keeps for the rules, by shape: here rather than in the rules that fill
// them (context-links.ts, dash-sh.ts, users-package-ids.ts), which all import the context.

/** A COPY source the context reader refused: a link whose real path is outside the context. */
export interface OutsideContextFile {
  /** The path in the context, as the COPY names it (or its folder and the file's path in it). */
  source: string;
  /** The COPY (or ADD) that brings it in. */
  instruction: Instruction;
  /** Brought in with a copied folder (`COPY . /app`), found because the image runs it. */
  inFolder: boolean;
}

/**
 * What runs a converted stage's shell-form RUN lines on Debian: the SHELL in effect (`sh`,
 * `dash`, `bash` or another program) and what /bin/sh is (dash, unless a RUN pointed it at bash).
 */
export interface RunShell {
  shell: "sh" | "dash" | "bash" | "other";
  binSh: "dash" | "bash";
}

/** An account a step of the file makes, with its ID word as written (none: busybox picks). */
export interface NotedAccount {
  kind: "group" | "user";
  name: string;
  id: string | undefined;
}

/**
 * One point of a stage's build as far as IDs go: the packages apk installed in the stage since
 * its previous entry (`count`: how many the stage had installed then), and the account a step
 * made there, if one. The context keeps them in build order (MigrationContext.accountLog).
 */
export interface AccountLogEntry {
  stage: Stage;
  count: number;
  packages: readonly string[];
  account?: NotedAccount;
}
