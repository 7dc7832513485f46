import type { ReactNode } from 'react'
import { FieldError } from '#app/components/ui/field.tsx'
import { useT, useLang } from '#app/web/i18n.tsx'
import { formatNumber, formatRupiah } from '#app/lib/format.ts'

/** A list of checkboxes sharing one name (repeated keys parse to an array); works without JavaScript. */
export function CheckboxGroup({
  legend,
  name,
  options,
  selected,
  errors,
  hint,
  columns,
  children,
}: {
  legend: ReactNode
  name: string
  options: { value: string; label: string }[]
  selected: string[]
  errors?: string[] | null
  hint?: ReactNode
  columns?: boolean
  /** Shown between the hint and the options (e.g. a "national" choice). */
  children?: ReactNode
}) {
  const errId = `${name}-error`
  return (
    <fieldset aria-describedby={errors?.length ? errId : undefined}>
      <legend>{legend}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {children}
      <div className={columns ? 'check-columns' : undefined}>
        {options.map((o) => (
          <label className="choice" key={o.value}>
            <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldError errors={errors} id={errId} />
    </fieldset>
  )
}

/** A quantity in a support kind's unit: rupiah for capital, plain counts with a unit otherwise. */
export function Quantity({ value, unit }: { value: number; unit: string }) {
  const t = useT()
  const lang = useLang()
  if (unit === 'rupiah') return <span className="money">{formatRupiah(value)}</span>
  return (
    <span>
      {formatNumber(value, lang)} {t(`unit.${unit}`)}
    </span>
  )
}

export function KindBadge({ kind }: { kind: string }) {
  const t = useT()
  return <span className={`badge badge-kind kind-${kind}`}>{t(`kind.${kind}`)}</span>
}
