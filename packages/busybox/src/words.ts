/**
 * The argument words of one call, after its name: the text of each, or undefined for a word whose
 * text is known only at run time (`"$x"`, `*.log`). Such a word is never judged.
 */
export type Words = readonly (string | undefined)[];
