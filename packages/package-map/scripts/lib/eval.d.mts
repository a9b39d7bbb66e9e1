export interface EvalRow {
  debian: string;
  alpine: string[];
  confidence: string;
  note: string;
}

export interface EvalMiss {
  debian: string;
  expected: string;
  got: string;
  kind: string;
  layer: string;
}

export interface EvalScore {
  agree: number;
  total: number;
  misses: EvalMiss[];
}

export function readEvalList(text: string): EvalRow[];
export function score(
  rows: EvalRow[],
  map: (name: string) => { alpine: string[]; kind: string; layer: string },
): Record<string, EvalScore>;
