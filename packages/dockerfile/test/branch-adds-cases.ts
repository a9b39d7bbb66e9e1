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
  // An exit (return, exec, local outside a function) ends the shell it runs in: what follows it
  // there never runs, and where that shell is a ( ), an sh -c or a $( ), the script goes on.
  ["an add after an exit in a ( ) subshell", `RUN ( exit 0; ${ADD} ); useradd app`, false],
  ["an add after exit 0 && in a ( ) subshell", `RUN ( exit 0 && ${ADD} ); useradd app`, false],
  ["an add after a bare exit in a ( ) subshell", `RUN ( exit; ${ADD} ); useradd app`, false],
  [
    "an add after an exit in a ( ) of a loop body",
    `RUN for i in 1; do ( exit 0; ${ADD} ); done; useradd app`,
    false,
  ],
  [
    "an add after an exit in an if in a ( ) subshell",
    `RUN ( if true; then exit 0; fi; ${ADD} ); useradd app`,
    false,
  ],
  ["an add before an exit in a ( ) subshell", `RUN ( ${ADD}; exit 0 ); useradd app`, true],
  ["an add after exit 0 in an sh -c string", `RUN sh -c 'exit 0; ${ADD}'; useradd app`, false],
  ["an add after exit 1 in an sh -c string", `RUN sh -c 'exit 1; ${ADD}'; useradd app`, false],
  ["an add after an exit in a $( )", `RUN x=$(exit 0; ${ADD}); useradd app`, false],
  // A failing exit behind a test: the add runs where it does not, and where it does the shell
  // fails, as after a failed apk add.
  [
    "an add after a test's || exit 1 in an sh -c string",
    `RUN sh -c '[ -z "$A" ] || exit 1; ${ADD}'; useradd app`,
    true,
  ],
  [
    "an add after an if's exit 1 in an sh -c string",
    `RUN sh -c 'if [ -n "$A" ]; then exit 1; fi; ${ADD}'; useradd app`,
    true,
  ],
  [
    "an add after a test's || exit 1 in a ( ) subshell",
    `RUN ( [ -z "$A" ] || exit 1; ${ADD} ); useradd app`,
    true,
  ],
  [
    "an add after a test's || exit 1 in a $( )",
    `RUN x=$([ -z "$A" ] || exit 1; ${ADD}); useradd app`,
    true,
  ],
  [
    "an add after exit 1 in a { } group of an sh -c string",
    `RUN sh -c '{ exit 1; }; ${ADD}'; useradd app`,
    false,
  ],
  ["an add after a return in a ( ) subshell", `RUN ( return 0; ${ADD} ); useradd app`, false],
  ["an add after an exec in a ( ) subshell", `RUN ( exec true; ${ADD} ); useradd app`, false],
  [
    "an add after an exec of redirects alone in a ( ) subshell",
    `RUN ( exec 2>&1; ${ADD} ); useradd app`,
    true,
  ],
  [
    "an add after a top-level exit 0, the call in the same RUN",
    `RUN exit 0; ${ADD}; useradd app`,
    true,
  ],
  [
    "an add after a top-level return 0, the call in the same RUN",
    `RUN return 0; ${ADD}; useradd app`,
    true,
  ],
  [
    "an add after a top-level exit 0, the call in the next RUN",
    `RUN exit 0; ${ADD}\nRUN useradd app`,
    false,
  ],
  [
    "an add after a test's || exit 0, the call in the next RUN",
    `RUN [ -n "$A" ] || exit 0; ${ADD}\nRUN useradd app`,
    false,
  ],
  [
    "an add after an exit 0 in a loop, the call in the next RUN",
    `RUN for i in 1; do exit 0; done; ${ADD}\nRUN useradd app`,
    false,
  ],
  [
    "an add after a test's || exit 1 that goes on, the call in the next RUN",
    `RUN [ -z "$A" ] || exit 1; ${ADD}\nRUN useradd app`,
    true,
  ],
  ["an add after an exit piped into cat", `RUN exit 0 | cat; ${ADD}\nRUN useradd app`, true],
  [
    "an add after local outside a function &&",
    `RUN local X=$(false) && ${ADD}; useradd app`,
    false,
  ],
  ["an add after local in a ( ) subshell", `RUN ( local X=1; ${ADD} ); useradd app`, false],
  ["an add after shift with no arguments &&", `RUN shift && ${ADD}; useradd app`, false],
  // A call of a function whose body exits ends the caller's shell (`return` only the function);
  // so does an `exit` in an `eval` string, which the same shell runs.
  [
    "an add after a call of a function that exits, the call in the next RUN",
    `RUN f() { exit 0; }; f; ${ADD}\nRUN useradd app`,
    false,
  ],
  [
    "an add after a call of a function that echoes, then exits",
    `RUN f() { echo; exit 0; }; f; ${ADD}\nRUN useradd app`,
    false,
  ],
  [
    "an add after a call of a function defined on an earlier line of the RUN",
    `RUN f() { [ -n "$A" ] || exit 0; }; \\\n  echo; \\\n  f && ${ADD}\nRUN useradd app`,
    false,
  ],
  [
    "an add after a call of a function that calls one that exits",
    `RUN g() { exit 0; }; f() { g; }; f; ${ADD}\nRUN useradd app`,
    false,
  ],
  [
    "an add after a call of a function that exits, in a ( ) subshell",
    `RUN f() { exit 1; }; ( f; ${ADD} ); useradd app`,
    false,
  ],
  [
    "an add after a call of a function that returns",
    `RUN f() { return 0; }; f; ${ADD}\nRUN useradd app`,
    true,
  ],
  [
    "an add after a call of a function whose exit is in a ( )",
    `RUN f() { ( exit 0 ); }; f; ${ADD}\nRUN useradd app`,
    true,
  ],
  [
    "an add after a call of a function that exits, piped into cat",
    `RUN f() { exit 0; }; f | cat; ${ADD}\nRUN useradd app`,
    true,
  ],
  [
    "an add after a call of a function defined after it",
    `RUN f; f() { exit 0; }; ${ADD}\nRUN useradd app`,
    true,
  ],
  [
    "an add after an eval of exit in double quotes",
    `RUN eval "exit 0"; ${ADD}\nRUN useradd app`,
    false,
  ],
  [
    "an add after an eval of exit in single quotes",
    `RUN eval 'exit 0'; ${ADD}\nRUN useradd app`,
    false,
  ],
  ["an add after an eval of exit unquoted", `RUN eval exit 0; ${ADD}\nRUN useradd app`, false],
  [
    "an add after a call of a function that evals exit",
    `RUN f() { eval 'exit 0'; }; f && ${ADD}\nRUN useradd app`,
    false,
  ],
  [
    "an add after an exit run in the background",
    `RUN exit 0 & ${ADD}; wait\nRUN useradd app`,
    true,
  ],
  [
    "an add after a call of a function that exits, run in the background",
    `RUN f() { exit 0; }; f & ${ADD}; wait\nRUN useradd app`,
    true,
  ],
  ["an add before an eval of exit", `RUN ${ADD}; eval 'exit 0'\nRUN useradd app`, true],
  [
    "an add after an eval that echoes, then exits",
    `RUN eval 'echo x; exit 0'; ${ADD}\nRUN useradd app`,
    false,
  ],
  ["an add after an eval that goes on", `RUN eval 'echo x'; ${ADD}\nRUN useradd app`, true],
  [
    "a case redirected into a missing folder",
    `RUN case "$A" in 1) ${ADD};; *) ${ADD};; esac >/no/such/dir/f; useradd app`,
    false,
  ],
  [
    "an if redirected into a missing folder",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi >/no/such/dir/f; useradd app`,
    false,
  ],
  [
    "an if redirected to /dev/null",
    `RUN if [ "$A" = 1 ]; then ${ADD}; else ${ADD}; fi >/dev/null 2>&1; useradd app`,
    true,
  ],
];
