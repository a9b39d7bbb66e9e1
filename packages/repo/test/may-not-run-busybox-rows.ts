import { ADD, file } from "./conditional-installs.js";

/**
 * The rows of CASES (may-not-run-cases.ts) that @alpinize/dockerfile's BRANCH_ADDS also runs under
 * the musl busybox sh: adds on every path of branches, adds that may not run (background, loops,
 * substitutions, tests) and adds after an exit that ends its shell.
 */
export const BUSYBOX_ROWS: Record<string, string> = {
  // An add on every path of branches no probe decides, as the musl busybox sh runs them
  // (BRANCH_ADDS in @alpinize/dockerfile's probe-branches-busybox test).
  "both branches of an if with no probe passes": file(
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi; useradd app`,
  ),
  "every branch of an if, elif and else passes": file(
    `RUN if [ "$A" = 1 ]; then ${ADD}; elif [ "$A" = 2 ]; then ${ADD}; else ${ADD}; fi; useradd app`,
  ),
  "every arm of a case with *) passes": file(
    `RUN case "$A" in 1) ${ADD};; 2|3) ${ADD} ;; *) ${ADD};; esac; useradd app`,
  ),
  "nested ifs and cases that all add it passes": file(
    `RUN if [ "$A" = 1 ]; then if [ -n "$B" ]; then ${ADD}; else ${ADD}; fi; else case "$B" in x) ${ADD};; *) ${ADD};; esac; fi; useradd app`,
  ),
  "the if's first test passes": file(`RUN if ${ADD}; then :; fi; useradd app`),
  "the if's first test, turned round passes": file(
    `RUN if ! ${ADD}; then echo no shadow >&2; fi; useradd app`,
  ),
  "both branches of an if, the call in the next RUN passes": file(
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi`,
    "RUN useradd app",
  ),
  "an if and an elif with no else": file(
    `RUN if [ "$A" = 1 ]; then ${ADD}; elif [ -n "$B" ]; then ${ADD}; fi; useradd app`,
  ),
  "an elif's test, which runs only when the if's fails": file(
    `RUN if true; then :; elif ${ADD}; then :; fi; useradd app`,
  ),
  "a case with no *)": file(`RUN case "$A" in 1) ${ADD};; esac; useradd app`),
  "a case whose * is quoted": file(`RUN case "$A" in 1) ${ADD};; "*") ${ADD};; esac; useradd app`),
  "a case whose *) adds nothing": file(`RUN case "$A" in 1) ${ADD};; *) :;; esac; useradd app`),
  "the *) arm after an arm that adds it": file(
    `RUN case "$A" in 1) ${ADD};; *) useradd app;; esac`,
  ),
  "a branch whose add follows a ||": file(
    `RUN if [ "$A" = 1 ]; then ${ADD}; else true || ${ADD}; fi; useradd app`,
  ),
  "a branch whose add is in an if with no else": file(
    `RUN if [ "$A" = 1 ]; then ${ADD}; else if [ -n "$B" ]; then ${ADD}; fi; fi; useradd app`,
  ),
  "a branch that deletes it again": file(
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; apk del shadow; fi; useradd app`,
  ),
  // Run by the musl busybox sh too (BRANCH_ADDS in @alpinize/dockerfile's probe-branches-busybox test).
  "a case arm that falls through with ;&": file(
    `RUN case "$A" in 1) ${ADD};& 2) echo ;; *) ${ADD};; esac; useradd app`,
  ),
  "a case arm that goes on matching with ;;&": file(
    `RUN case "$A" in 1) ${ADD};;& *) ${ADD};; esac; useradd app`,
  ),
  "an add in the background": file(`RUN ${ADD} tzdata & useradd app`),
  "a branch's add in the background": file(
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD} tzdata & fi; useradd app`,
  ),
  "a *) arm's add in the background": file(
    `RUN case "$A" in 1) ${ADD};; *) ${ADD} tzdata &;; esac; useradd app`,
  ),
  "an if run in the background": file(
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD} tzdata; fi & useradd app`,
  ),
  "an add in the background, then wait passes": file(`RUN ${ADD} tzdata & wait; useradd app`),
  "an add in the background, then wait $! passes": file(`RUN ${ADD} tzdata & wait $!; useradd app`),
  "a loop over words passes": file(`RUN for i in 1; do ${ADD}; done; useradd app`),
  "an add after a break": file(`RUN for i in 1; do break; ${ADD}; done; useradd app`),
  "an add before a break passes": file(`RUN for i in 1 2 3; do ${ADD}; break; done; useradd app`),
  "a retry loop, add && break passes": file(
    `RUN for i in 1 2 3; do ${ADD} && break; sleep 0; done; useradd app`,
  ),
  "an add before a continue passes": file(
    `RUN for i in 1 2; do ${ADD}; continue; done; useradd app`,
  ),
  "an add after a break in an if": file(
    `RUN for i in 1 2; do if true; then break; fi; ${ADD}; done; useradd app`,
  ),
  "an add after a test && break": file(
    `RUN for i in 1 2; do [ -z "$A" ] && break; ${ADD}; done; useradd app`,
  ),
  "an add after a continue in an if": file(
    `RUN for i in 1 2; do if true; then continue; fi; ${ADD}; done; useradd app`,
  ),
  "an add after false &&": file(`RUN false && ${ADD}; useradd app`),
  "an add after a test's &&": file(`RUN [ -n "$A" ] && ${ADD}; useradd app`),
  "an add after an assignment's && passes": file(`RUN X=1 && ${ADD}; useradd app`),
  "an add after a substitution's assignment && passes": file(
    `RUN set -eux; arch="$(uname -m)" && ${ADD}; useradd app`,
  ),
  "an add after a test's && then ||": file(`RUN [ -n "$A" ] && ${ADD} || true; useradd app`),
  "both branches of an if after false &&": file(
    `RUN false && if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi; useradd app`,
  ),
  "both branches of an if after a test's &&": file(
    `RUN [ -n "$A" ] && if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi; useradd app`,
  ),
  "a branch whose add follows false &&": file(
    `RUN if [ "$A" = 1 ]; then ${ADD}; else false && ${ADD}; fi; useradd app`,
  ),
  "a case redirected into a missing folder": file(
    `RUN case "$A" in 1) ${ADD};; *) ${ADD};; esac >/no/such/dir/f; useradd app`,
  ),
  "an if redirected into a missing folder": file(
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi >/no/such/dir/f; useradd app`,
  ),
  "an if redirected to /dev/null passes": file(
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi >/dev/null 2>&1; useradd app`,
  ),
  // Checked against busybox too (BRANCH_ADDS): a substitution's status before &&, a break in a
  // group, a loop's test, a test && add || add, an add in a $( ).
  "an add after a failing substitution's assignment &&": file(
    `RUN X=$(false) && ${ADD}; useradd app`,
  ),
  "an add after true's assignment && passes": file(`RUN X=$(true) && ${ADD}; useradd app`),
  "an add after a piped arch read's assignment && passes": file(
    `RUN a="$(uname -m | sed s/_/-/)" && ${ADD}; useradd app`,
  ),
  "an add after a break in a { } group": file(
    `RUN for i in 1; do { break; ${ADD}; }; done; useradd app`,
  ),
  "an add after a break in a ( ) subshell": file(
    `RUN for i in 1; do ( break; ${ADD} ); done; useradd app`,
  ),
  "an add after a break in an if in a { } group": file(
    `RUN for i in 1 2; do { if true; then break; fi; ${ADD}; }; done; useradd app`,
  ),
  "an add before a break in a { } group passes": file(
    `RUN for i in 1 2; do { ${ADD}; break; }; done; useradd app`,
  ),
  "a while ! add loop passes": file(`RUN while ! ${ADD}; do sleep 0; done; useradd app`),
  "an until add loop passes": file(`RUN until ${ADD}; do sleep 0; done; useradd app`),
  "a while add loop left by break passes": file(`RUN while ${ADD}; do break; done; useradd app`),
  "a while loop whose body adds it": file(`RUN while false; do ${ADD}; done; useradd app`),
  "a test && add || the same add passes": file(`RUN [ -n "$A" ] && ${ADD} || ${ADD}; useradd app`),
  "a true test && add || the same add passes": file(
    `RUN [ -z "$A" ] && ${ADD} || ${ADD}; useradd app`,
  ),
  "a test && add || true || the same add": file(
    `RUN [ -n "$A" ] && ${ADD} || true || ${ADD}; useradd app`,
  ),
  "a test && add || false && the same add": file(
    `RUN [ -n "$A" ] && ${ADD} || false && ${ADD}; useradd app`,
  ),
  "an add in a $( ) passes": file(`RUN x=$(${ADD}); useradd app`),
  "an add in a backquoted substitution passes": file(`RUN x=\`${ADD}\`; useradd app`),
  "an add in an echo's $( ) before && passes": file(`RUN echo "$(${ADD})" && useradd app`),
  "an add in a $( ) after false &&": file(`RUN x=$(false && ${ADD}); useradd app`),
  "an add in a $( ) after true ||": file(`RUN x=$(true || ${ADD}); useradd app`),
  "an add in a $( ) in an if with no else": file(
    `RUN if [ -n "$A" ]; then x=$(${ADD}); fi; useradd app`,
  ),
  "an add in a $( ) of an if with an else passes": file(
    `RUN x=$(if [ -n "$A" ]; then ${ADD}; else ${ADD}; fi); useradd app`,
  ),
  "an add in a $( ) of a test && add || add passes": file(
    `RUN x=$([ -n "$A" ] && ${ADD} || ${ADD}); useradd app`,
  ),
  "an add in a $( ) in a default value of a set X": file(
    `RUN X=1; x=\${X:-$(${ADD})}; useradd app`,
  ),
  "an add in a $( ) after a probe's || passes": file(
    `RUN x="$(command -v useradd || ${ADD})"; useradd app`,
  ),
  // An exit (return, exec, local outside a function) ending its shell (BRANCH_ADDS too).
  "an add after an exit in a ( ) subshell": file(`RUN ( exit 0; ${ADD} ); useradd app`),
  "an add after exit 0 && in a ( ) subshell": file(`RUN ( exit 0 && ${ADD} ); useradd app`),
  "an add after a bare exit in a ( ) subshell": file(`RUN ( exit; ${ADD} ); useradd app`),
  "an add after an exit in a ( ) of a loop body": file(
    `RUN for i in 1; do ( exit 0; ${ADD} ); done; useradd app`,
  ),
  "an add after an exit in an if in a ( ) subshell": file(
    `RUN ( if true; then exit 0; fi; ${ADD} ); useradd app`,
  ),
  "an add before an exit in a ( ) subshell passes": file(`RUN ( ${ADD}; exit 0 ); useradd app`),
  "an add after exit 0 in an sh -c string": file(`RUN sh -c 'exit 0; ${ADD}'; useradd app`),
  "an add after exit 1 in an sh -c string": file(`RUN sh -c 'exit 1; ${ADD}'; useradd app`),
  "an add after an exit in a $( )": file(`RUN x=$(exit 0; ${ADD}); useradd app`),
  "an add after a test's || exit 1 in an sh -c string passes": file(
    `RUN sh -c '[ -z "$A" ] || exit 1; ${ADD}'; useradd app`,
  ),
  "an add after an if's exit 1 in an sh -c string passes": file(
    `RUN sh -c 'if [ -n "$A" ]; then exit 1; fi; ${ADD}'; useradd app`,
  ),
  "an add after a test's || exit 1 in a ( ) subshell passes": file(
    `RUN ( [ -z "$A" ] || exit 1; ${ADD} ); useradd app`,
  ),
  "an add after a test's || exit 1 in a $( ) passes": file(
    `RUN x=$([ -z "$A" ] || exit 1; ${ADD}); useradd app`,
  ),
  "an add after exit 1 in a { } group of an sh -c string": file(
    `RUN sh -c '{ exit 1; }; ${ADD}'; useradd app`,
  ),
  "an add after a return in a ( ) subshell": file(`RUN ( return 0; ${ADD} ); useradd app`),
  "an add after an exec in a ( ) subshell": file(`RUN ( exec true; ${ADD} ); useradd app`),
  "an add after an exec of redirects alone in a ( ) subshell passes": file(
    `RUN ( exec 2>&1; ${ADD} ); useradd app`,
  ),
  "an add after a top-level exit 0, the call in the same RUN passes": file(
    `RUN exit 0; ${ADD}; useradd app`,
  ),
  "an add after a top-level return 0, the call in the same RUN passes": file(
    `RUN return 0; ${ADD}; useradd app`,
  ),
  "an add after a top-level exit 0, the call in the next RUN": file(
    `RUN exit 0; ${ADD}`,
    `RUN useradd app`,
  ),
  "an add after a test's || exit 0, the call in the next RUN": file(
    `RUN [ -n "$A" ] || exit 0; ${ADD}`,
    `RUN useradd app`,
  ),
  "an add after an exit 0 in a loop, the call in the next RUN": file(
    `RUN for i in 1; do exit 0; done; ${ADD}`,
    `RUN useradd app`,
  ),
  "an add after a test's || exit 1 that goes on, the call in the next RUN passes": file(
    `RUN [ -z "$A" ] || exit 1; ${ADD}`,
    `RUN useradd app`,
  ),
  "an add after an exit piped into cat passes": file(`RUN exit 0 | cat; ${ADD}`, `RUN useradd app`),
  "an add after local outside a function &&": file(`RUN local X=$(false) && ${ADD}; useradd app`),
  "an add after local in a ( ) subshell": file(`RUN ( local X=1; ${ADD} ); useradd app`),
  "an add after shift with no arguments &&": file(`RUN shift && ${ADD}; useradd app`),
  // A call of a function whose body exits, an eval of exit (BRANCH_ADDS too).
  "an add after a call of a function that exits, the call in the next RUN": file(
    `RUN f() { exit 0; }; f; ${ADD}`,
    "RUN useradd app",
  ),
  "an add after a call of a function that echoes, then exits": file(
    `RUN f() { echo; exit 0; }; f; ${ADD}`,
    "RUN useradd app",
  ),
  "an add after a call of a function defined on an earlier line of the RUN": file(
    `RUN f() { [ -n "$A" ] || exit 0; }; \\\n  echo; \\\n  f && ${ADD}`,
    "RUN useradd app",
  ),
  "an add after a call of a function that calls one that exits": file(
    `RUN g() { exit 0; }; f() { g; }; f; ${ADD}`,
    "RUN useradd app",
  ),
  "an add after a call of a function that exits, in a ( ) subshell": file(
    `RUN f() { exit 1; }; ( f; ${ADD} ); useradd app`,
  ),
  "an add after a call of a function that returns passes": file(
    `RUN f() { return 0; }; f; ${ADD}`,
    "RUN useradd app",
  ),
  "an add after a call of a function whose exit is in a ( ) passes": file(
    `RUN f() { ( exit 0 ); }; f; ${ADD}`,
    "RUN useradd app",
  ),
  "an add after a call of a function that exits, piped into cat passes": file(
    `RUN f() { exit 0; }; f | cat; ${ADD}`,
    "RUN useradd app",
  ),
  "an add after a call of a function defined after it passes": file(
    `RUN f; f() { exit 0; }; ${ADD}`,
    "RUN useradd app",
  ),
  "an add after an eval of exit in double quotes": file(
    `RUN eval "exit 0"; ${ADD}`,
    "RUN useradd app",
  ),
  "an add after an eval of exit in single quotes": file(
    `RUN eval 'exit 0'; ${ADD}`,
    "RUN useradd app",
  ),
  "an add after an eval of exit unquoted": file(`RUN eval exit 0; ${ADD}`, "RUN useradd app"),
  "an add after a call of a function that evals exit": file(
    `RUN f() { eval 'exit 0'; }; f && ${ADD}`,
    "RUN useradd app",
  ),
  "an add after an exit run in the background passes": file(
    `RUN exit 0 & ${ADD}; wait`,
    "RUN useradd app",
  ),
  "an add after a call of a function that exits, run in the background passes": file(
    `RUN f() { exit 0; }; f & ${ADD}; wait`,
    "RUN useradd app",
  ),
  "an add before an eval of exit passes": file(`RUN ${ADD}; eval 'exit 0'`, "RUN useradd app"),
  "an add after an eval that echoes, then exits": file(
    `RUN eval 'echo x; exit 0'; ${ADD}`,
    "RUN useradd app",
  ),
  "an add after an eval that goes on passes": file(`RUN eval 'echo x'; ${ADD}`, "RUN useradd app"),
};
