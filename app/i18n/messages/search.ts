/** Search that forgives (ADR 023). */
export const search = {
  id: {
    'search.didYouMean': 'Maksud Anda:',
    'search.didYouMeanHint': 'Hasil di bawah sudah termasuk kata yang dikoreksi.',
  },
  en: {
    'search.didYouMean': 'Did you mean:',
    'search.didYouMeanHint': 'The results below already include the corrected word.',
  },
} as const
