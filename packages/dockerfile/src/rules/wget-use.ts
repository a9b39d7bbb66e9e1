// Apart from busybox.ts so StageState (scope.ts) can hold it without a type import cycle.

/**
 * How a stage uses wget: not at all, only with options Alpine's busybox wget applet accepts, or
 * with GNU-only ones (named in `gnu`, for the reason).
 */
export type WgetUse = { kind: "none" } | { kind: "busybox" } | { kind: "gnu"; options: string[] };
