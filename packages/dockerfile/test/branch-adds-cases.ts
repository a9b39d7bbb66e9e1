import { EXIT_ADDS } from "./exit-adds-cases.js";
import { ADD, SLOW } from "./support/probe-root.js";

/** An add on every path of branches no probe decides (A and B are unset when they run). */
export const BRANCH_ADDS: [name: string, run: string, passes: boolean][] = [
  [
    "both branches of an if with no probe",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi; useradd app`,
    true,
  ],
  [
    "every branch of an if, elif and else",
    `RUN if [ "$A" = 1 ]; then ${ADD}; elif [ "$A" = 2 ]; then ${ADD}; else ${ADD}; fi; useradd app`,
    true,
  ],
  [
    "every arm of a case with *)",
    `RUN case "$A" in 1) ${ADD};; 2|3) ${ADD} ;; *) ${ADD};; esac; useradd app`,
    true,
  ],
  [
    "nested ifs and cases that all add it",
    `RUN if [ "$A" = 1 ]; then if [ -n "$B" ]; then ${ADD}; else ${ADD}; fi; else case "$B" in x) ${ADD};; *) ${ADD};; esac; fi; useradd app`,
    true,
  ],
  ["the if's first test", `RUN if ${ADD}; then :; fi; useradd app`, true],
  [
    "the if's first test, turned round",
    `RUN if ! ${ADD}; then echo no shadow >&2; fi; useradd app`,
    true,
  ],
  [
    "both branches of an if, the call in the next RUN",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi\nRUN useradd app`,
    true,
  ],
  ["an if with no else", `RUN if [ "$A" = 1 ]; then ${ADD}; fi; useradd app`, false],
  [
    "an if and an elif with no else",
    `RUN if [ "$A" = 1 ]; then ${ADD}; elif [ -n "$B" ]; then ${ADD}; fi; useradd app`,
    false,
  ],
  [
    "an elif's test, which runs only when the if's fails",
    `RUN if true; then :; elif ${ADD}; then :; fi; useradd app`,
    false,
  ],
  ["a case with no *)", `RUN case "$A" in 1) ${ADD};; esac; useradd app`, false],
  [
    "a case whose * is quoted",
    `RUN case "$A" in 1) ${ADD};; "*") ${ADD};; esac; useradd app`,
    false,
  ],
  ["a case whose *) adds nothing", `RUN case "$A" in 1) ${ADD};; *) :;; esac; useradd app`, false],
  [
    "the *) arm after an arm that adds it",
    `RUN case "$A" in 1) ${ADD};; *) useradd app;; esac`,
    false,
  ],
  [
    "a branch whose add follows a ||",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else true || ${ADD}; fi; useradd app`,
    false,
  ],
  [
    "a branch whose add is in an if with no else",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else if [ -n "$B" ]; then ${ADD}; fi; fi; useradd app`,
    false,
  ],
  [
    "a branch that deletes it again",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; apk del shadow; fi; useradd app`,
    false,
  ],
  // sh -c is busybox's ash: `;&` and `;;&` are bash's, a syntax error here.
  [
    "a case arm that falls through with ;&",
    `RUN case "$A" in 1) ${ADD};& 2) echo ;; *) ${ADD};; esac; useradd app`,
    false,
  ],
  [
    "a case arm that goes on matching with ;;&",
    `RUN case "$A" in 1) ${ADD};;& *) ${ADD};; esac; useradd app`,
    false,
  ],
  ["an add in the background", `RUN ${SLOW} & useradd app`, false],
  [
    "a branch's add in the background",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${SLOW} & fi; useradd app`,
    false,
  ],
  [
    "a *) arm's add in the background",
    `RUN case "$A" in 1) ${ADD};; *) ${SLOW} &;; esac; useradd app`,
    false,
  ],
  [
    "an if run in the background",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${SLOW}; fi & useradd app`,
    false,
  ],
  ["an add in the background, then wait", `RUN ${SLOW} & wait; useradd app`, true],
  ["an add in the background, then wait $!", `RUN ${SLOW} & wait $!; useradd app`, true],
  ["a loop over words", `RUN for i in 1; do ${ADD}; done; useradd app`, true],
  ["an add after a break", `RUN for i in 1; do break; ${ADD}; done; useradd app`, false],
  ["an add before a break", `RUN for i in 1 2 3; do ${ADD}; break; done; useradd app`, true],
  [
    "a retry loop, add && break",
    `RUN for i in 1 2 3; do ${ADD} && break; sleep 0; done; useradd app`,
    true,
  ],
  ["an add before a continue", `RUN for i in 1 2; do ${ADD}; continue; done; useradd app`, true],
  [
    "an add after a break in an if",
    `RUN for i in 1 2; do if true; then break; fi; ${ADD}; done; useradd app`,
    false,
  ],
  [
    "an add after a test && break",
    `RUN for i in 1 2; do [ -z "$A" ] && break; ${ADD}; done; useradd app`,
    false,
  ],
  [
    "an add after a continue in an if",
    `RUN for i in 1 2; do if true; then continue; fi; ${ADD}; done; useradd app`,
    false,
  ],
  ["an add after false &&", `RUN false && ${ADD}; useradd app`, false],
  ["an add after a test's &&", `RUN [ -n "$A" ] && ${ADD}; useradd app`, false],
  ["an add after an assignment's &&", `RUN X=1 && ${ADD}; useradd app`, true],
  [
    "an add after a substitution's assignment &&",
    `RUN set -eux; arch="$(uname -m)" && ${ADD}; useradd app`,
    true,
  ],
  ["an add after a test's && then ||", `RUN [ -n "$A" ] && ${ADD} || true; useradd app`, false],
  [
    "both branches of an if after false &&",
    `RUN false && if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi; useradd app`,
    false,
  ],
  [
    "both branches of an if after a test's &&",
    `RUN [ -n "$A" ] && if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi; useradd app`,
    false,
  ],
  [
    "a branch whose add follows false &&",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else false && ${ADD}; fi; useradd app`,
    false,
  ],
  [
    "an add after a failing substitution's assignment &&",
    `RUN X=$(false) && ${ADD}; useradd app`,
    false,
  ],
  ["an add after true's assignment &&", `RUN X=$(true) && ${ADD}; useradd app`, true],
  [
    "an add after a piped arch read's assignment &&",
    `RUN a="$(uname -m | sed s/_/-/)" && ${ADD}; useradd app`,
    true,
  ],
  [
    "an add after a break in a { } group",
    `RUN for i in 1; do { break; ${ADD}; }; done; useradd app`,
    false,
  ],
  [
    "an add after a break in a ( ) subshell",
    `RUN for i in 1; do ( break; ${ADD} ); done; useradd app`,
    false,
  ],
  [
    "an add after a break in an if in a { } group",
    `RUN for i in 1 2; do { if true; then break; fi; ${ADD}; }; done; useradd app`,
    false,
  ],
  [
    "an add before a break in a { } group",
    `RUN for i in 1 2; do { ${ADD}; break; }; done; useradd app`,
    true,
  ],
  ["a while ! add loop", `RUN while ! ${ADD}; do sleep 0; done; useradd app`, true],
  ["an until add loop", `RUN until ${ADD}; do sleep 0; done; useradd app`, true],
  ["a while add loop left by break", `RUN while ${ADD}; do break; done; useradd app`, true],
  ["a while loop whose body adds it", `RUN while false; do ${ADD}; done; useradd app`, false],
  ["a test && add || the same add", `RUN [ -n "$A" ] && ${ADD} || ${ADD}; useradd app`, true],
  ["a true test && add || the same add", `RUN [ -z "$A" ] && ${ADD} || ${ADD}; useradd app`, true],
  [
    "a test && add || true || the same add",
    `RUN [ -n "$A" ] && ${ADD} || true || ${ADD}; useradd app`,
    false,
  ],
  [
    "a test && add || false && the same add",
    `RUN [ -n "$A" ] && ${ADD} || false && ${ADD}; useradd app`,
    false,
  ],
  ["an add in a $( )", `RUN x=$(${ADD}); useradd app`, true],
  ["an add in a backquoted substitution", `RUN x=\`${ADD}\`; useradd app`, true],
  ["an add in an echo's $( ) before &&", `RUN echo "$(${ADD})" && useradd app`, true],
  ["an add in a $( ) after false &&", `RUN x=$(false && ${ADD}); useradd app`, false],
  ["an add in a $( ) after true ||", `RUN x=$(true || ${ADD}); useradd app`, false],
  [
    "an add in a $( ) in an if with no else",
    `RUN if [ -n "$A" ]; then x=$(${ADD}); fi; useradd app`,
    false,
  ],
  [
    "an add in a $( ) of an if with an else",
    `RUN x=$(if [ -n "$A" ]; then ${ADD}; else ${ADD}; fi); useradd app`,
    true,
  ],
  [
    "an add in a $( ) of a test && add || add",
    `RUN x=$([ -n "$A" ] && ${ADD} || ${ADD}); useradd app`,
    true,
  ],
  [
    "an add in a $( ) in a default value of a set X",
    `RUN X=1; x=\${X:-$(${ADD})}; useradd app`,
    false,
  ],
  [
    "an add in a $( ) after a probe's ||",
    `RUN x="$(command -v useradd || ${ADD})"; useradd app`,
    true,
  ],
  ...EXIT_ADDS,
];
