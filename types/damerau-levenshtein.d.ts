declare module 'damerau-levenshtein' {
  /** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
  export default function damerauLevenshtein(
    a: string,
    b: string,
    limit?: number,
  ): { steps: number; relative: number; similarity: number }
}
