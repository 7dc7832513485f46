import { Form, Link } from '@remix-run/react'
import { ORG_TYPES } from '#app/domain/identity/org-types.ts'
import { SUPPORT_KINDS } from '#app/domain/registry/kinds.ts'
import type { Lang, Translate } from '#app/i18n/translate.ts'
import { useLang, useT } from '#app/web/i18n.tsx'

const UPT_TYPES = ['lapas', 'rutan', 'lpka', 'bapas'] as const
const SECURITY_LEVELS = ['super_maximum', 'maximum', 'medium', 'minimum'] as const

/**
 * One select of a directory filter form, named (and id'd) after its query parameter. `label` is an
 * i18n key; without it the usual one for that parameter is used. Sectors and provinces bring
 * their own options (from the loader); the other parameters have fixed lists.
 */
export type DirectorySelect =
  | { name: 'kind' | 'uptType' | 'level' | 'orgType'; label?: string }
  | { name: 'sector'; label?: string; sectors: readonly { id: string; name_id: string; name_en: string }[] }
  | { name: 'province'; label?: string; provinces: readonly { id: string; name: string }[] }

/** Current values, as the directory query parsed them (DirectoryQuery). */
export type DirectoryFilterValues = Partial<Record<'q' | DirectorySelect['name'], string | null>>

const DEFAULT_LABEL: Record<DirectorySelect['name'], string> = {
  kind: 'dir.kind',
  uptType: 'dir.uptType',
  level: 'upt.securityLevel',
  orgType: 'signup.orgType',
  sector: 'dir.sector',
  province: 'common.province',
}

function optionsFor(select: DirectorySelect, t: Translate, lang: Lang): { value: string; label: string }[] {
  switch (select.name) {
    case 'kind':
      return SUPPORT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))
    case 'uptType':
      return UPT_TYPES.map((u) => ({ value: u, label: t(`upt.type.${u}`) }))
    case 'level':
      return SECURITY_LEVELS.map((l) => ({ value: l, label: t(`security.${l}`) }))
    case 'orgType':
      return ORG_TYPES.map((o) => ({ value: o, label: t(`orgType.${o}`) }))
    case 'sector':
      return select.sectors.map((s) => ({ value: s.id, label: lang === 'en' ? s.name_en : s.name_id }))
    case 'province':
      return select.provinces.map((p) => ({ value: p.id, label: p.name }))
  }
}

/**
 * The filter form of a directory page (offers, programs, partners, UPTs): a search box, the
 * selects asked for in the order given, an optional sort, and apply/reset. A plain GET form, so
 * it works without JavaScript and the result is a shareable URL.
 */
export function DirectoryFilters({
  resetTo,
  values,
  selects,
  sort,
}: {
  /** where "reset" leads: the directory without a query */
  resetTo: string
  values: DirectoryFilterValues
  selects: readonly DirectorySelect[]
  /** sort keys (labels `dir.sort.<key>`) and the current one; no sort select without it */
  sort?: { value: string; options: readonly string[] }
}) {
  const t = useT()
  const lang = useLang()
  return (
    <Form method="get" className="filters" aria-label={t('common.filter')}>
      <div className="field">
        <label htmlFor="q">{t('common.search')}</label>
        <input id="q" name="q" type="search" defaultValue={values.q ?? ''} />
      </div>
      {selects.map((select) => (
        <div key={select.name} className="field">
          <label htmlFor={select.name}>{t(select.label ?? DEFAULT_LABEL[select.name])}</label>
          <select id={select.name} name={select.name} defaultValue={values[select.name] ?? ''}>
            <option value="">{t('dir.all')}</option>
            {optionsFor(select, t, lang).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      {sort ? (
        <div className="field">
          <label htmlFor="sort">{t('dir.sort')}</label>
          <select id="sort" name="sort" defaultValue={sort.value}>
            {sort.options.map((o) => (
              <option key={o} value={o}>
                {t(`dir.sort.${o}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button">
          {t('common.filter')}
        </button>
        <Link to={resetTo}>{t('common.reset')}</Link>
      </div>
    </Form>
  )
}
