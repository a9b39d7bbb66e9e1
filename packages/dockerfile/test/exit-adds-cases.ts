import { ADD } from "./support/probe-root.js";

/** BRANCH_ADDS rows on exits: an add after an exit, return, exec or a call that ends its shell (kept in BRANCH_ADDS' order). */
export const EXIT_ADDS: [name: string, run: string, passes: boolean][] = [
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
