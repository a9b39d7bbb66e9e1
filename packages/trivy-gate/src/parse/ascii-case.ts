/**
 * Letter case changed for A-Z/a-z only. `String#toUpperCase` also maps look-alikes onto ASCII
 * (the long s `ſ` onto S, the dotless `ı` onto I), so `paſs` would read as PASS: a status or
 * severity Trivy never writes must stay unknown and refused, not pass for a real one.
 */
export const asciiUpper = (s: string): string =>
  s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));

export const asciiLower = (s: string): string =>
  s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
