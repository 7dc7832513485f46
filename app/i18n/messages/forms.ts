/** Forms that guide (issue 16, item 2): need dates and kinds, the outcome form by measure. */
export const forms = {
  id: {
    'program.neededByPast': 'Tanggal ini sudah lewat. Pilih hari ini atau tanggal sesudahnya.',
    'need.neededByHint': 'Hari ini atau sesudahnya (tanggal setempat UPT). Boleh dikosongkan.',
    'need.notOffered': 'Tidak ditawarkan untuk UPT ini:',
    'need.refused.level': 'tidak diizinkan untuk tingkat keamanan {level}.',
    'need.refused.type': 'tidak diizinkan untuk {type}.',
    'outcome.fieldsFor': 'Hanya untuk: {metrics}. Diabaikan untuk ukuran lain.',
  },
  en: {
    'program.neededByPast': 'This date has passed. Choose today or a later date.',
    'need.neededByHint': "Today or later (the UPT's local date). May be left empty.",
    'need.notOffered': 'Not offered for this UPT:',
    'need.refused.level': 'not allowed at security level {level}.',
    'need.refused.type': 'not allowed for a {type}.',
    'outcome.fieldsFor': 'Only for: {metrics}. Ignored for other measures.',
  },
} as const
