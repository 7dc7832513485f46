/** A legend's colour square, beside its label; hidden from assistive technology (the label says it). */
export function Swatch({ color, stroke }: { color: string; stroke?: string }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false" className="chart-swatch">
      <rect width="14" height="14" rx="2" fill={color} stroke={stroke} />
    </svg>
  )
}
