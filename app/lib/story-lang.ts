import type { Lang } from '#app/i18n/translate.ts'

/** A story's title and summary in the interface's language: English when it is English and the author gave one. */
export function localised(
  s: { title: string; summary: string; title_en: string | null; summary_en: string | null },
  lang: Lang,
) {
  return lang === 'en' && s.title_en
    ? { title: s.title_en, summary: s.summary_en || s.summary, lang: 'en' as const }
    : { title: s.title, summary: s.summary, lang: 'id' as const }
}
