/**
 * Drawn illustrations of the demo products (issue 14, item 6): one SVG per kind of product,
 * coloured per product, rendered to PNG by sharp and stored through the same pipeline as an
 * upload (`addProductImage`: WebP, thumbnail, server-made names). A second picture per product is
 * the same drawing close up, so the gallery has something to swipe.
 */
export type Drawing =
  | 'batik'
  | 'cloth'
  | 'bread'
  | 'incense'
  | 'carving'
  | 'coffee'
  | 'chair'
  | 'shirt'
  | 'wardrobe'
  | 'slippers'
  | 'bag'
  | 'paving'
  | 'flipflops'
  | 'ship'
  | 'painting'
  | 'chips'

const kawung = (c: string) =>
  Array.from({ length: 16 }, (_, i) => {
    const x = 150 + (i % 4) * 170
    const y = 150 + Math.floor(i / 4) * 170
    return `<g transform="translate(${x} ${y})" fill="${c}" fill-opacity="0.85"><ellipse rx="28" ry="60"/><ellipse rx="60" ry="28"/><circle r="10" fill="#f5e6c8"/></g>`
  }).join('')

const stripes = (c: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<rect x="120" y="${140 + i * (520 / n)}" width="560" height="${260 / n}" fill="${c}" fill-opacity="${0.5 + (i % 3) * 0.2}"/>`,
  ).join('')

function body(kind: Drawing, c: string): string {
  switch (kind) {
    case 'batik':
      return `<rect x="90" y="90" width="620" height="620" rx="12" fill="#f5e6c8"/>${kawung(c)}<rect x="90" y="90" width="620" height="620" rx="12" fill="none" stroke="${c}" stroke-width="16"/>`
    case 'cloth':
      return `<rect x="120" y="120" width="560" height="560" rx="10" fill="#f3e3c3"/>${stripes(c, 9)}<path d="M120 400 l60 -40 l60 40 l60 -40 l60 40 l60 -40 l60 40 l60 -40 l60 40 l20 -13" stroke="#e8c15a" stroke-width="10" fill="none"/>`
    case 'bread':
      return `<ellipse cx="400" cy="470" rx="270" ry="150" fill="#d9a066"/><ellipse cx="400" cy="420" rx="250" ry="150" fill="${c}"/><path d="M260 380 q140 -90 280 0" stroke="#5a3418" stroke-width="14" fill="none"/><rect x="80" y="590" width="640" height="30" rx="15" fill="#e8dcc8"/>`
    case 'incense':
      return `<rect x="200" y="300" width="400" height="360" rx="16" fill="${c}"/><rect x="200" y="300" width="400" height="70" fill="#000" fill-opacity="0.2"/>${Array.from({ length: 7 }, (_, i) => `<line x1="${270 + i * 45}" y1="300" x2="${260 + i * 47}" y2="120" stroke="#5d3a1a" stroke-width="8"/>`).join('')}<path d="M330 110 q20 -40 0 -70 q-20 -30 10 -60" stroke="#b0b0b0" stroke-width="6" fill="none"/>`
    case 'carving':
      return `<rect x="330" y="560" width="140" height="120" fill="#4e342e"/><path d="M400 160 l60 90 l200 -40 l-150 150 l40 190 h-300 l40 -190 l-150 -150 l200 40 z" fill="${c}"/><circle cx="400" cy="230" r="40" fill="#8d6e63"/><path d="M400 270 v280" stroke="#3e2723" stroke-width="10"/>`
    case 'coffee':
      return `<path d="M260 180 h280 l40 480 h-360 z" fill="${c}"/><rect x="250" y="150" width="300" height="50" rx="8" fill="#1b1411"/><circle cx="400" cy="420" r="80" fill="#f1e3c6"/><ellipse cx="400" cy="420" rx="34" ry="50" fill="#5d4037"/><path d="M400 372 q-14 48 0 96" stroke="#f1e3c6" stroke-width="8" fill="none"/>`
    case 'chair':
      return `<rect x="250" y="200" width="300" height="260" rx="16" fill="${c}"/><rect x="220" y="440" width="360" height="70" rx="12" fill="${c}"/><rect x="240" y="500" width="30" height="170" fill="#4e342e"/><rect x="530" y="500" width="30" height="170" fill="#4e342e"/><rect x="290" y="240" width="220" height="180" rx="10" fill="#fff" fill-opacity="0.15"/>`
    case 'shirt':
      return `<path d="M300 160 l-170 90 l60 120 l60 -30 v320 h300 v-320 l60 30 l60 -120 l-170 -90 q-100 60 -200 0 z" fill="${c}"/><circle cx="400" cy="400" r="70" fill="#fff" fill-opacity="0.85"/><text x="400" y="425" font-family="sans-serif" font-size="64" font-weight="bold" text-anchor="middle" fill="${c}">ML</text>`
    case 'wardrobe':
      return `<rect x="230" y="120" width="340" height="560" rx="10" fill="${c}"/><line x1="400" y1="130" x2="400" y2="670" stroke="#3e2723" stroke-width="8"/><circle cx="380" cy="400" r="10" fill="#e0c080"/><circle cx="420" cy="400" r="10" fill="#e0c080"/><rect x="250" y="680" width="30" height="40" fill="#3e2723"/><rect x="520" y="680" width="30" height="40" fill="#3e2723"/>`
    case 'slippers':
      return `${[250, 550].map((x) => `<ellipse cx="${x}" cy="420" rx="110" ry="230" fill="#f7f7f7" stroke="${c}" stroke-width="12"/><path d="M${x - 100} 360 q100 -80 200 0" stroke="${c}" stroke-width="40" fill="none"/>`).join('')}`
    case 'bag':
      return `<path d="M300 300 q100 -220 200 0" stroke="#6d4c1f" stroke-width="24" fill="none"/><path d="M200 300 h400 l-40 380 h-320 z" fill="${c}"/>${Array.from({ length: 8 }, (_, i) => `<line x1="${215 + i * 50}" y1="300" x2="${245 + i * 40}" y2="680" stroke="#000" stroke-opacity="0.18" stroke-width="6"/>`).join('')}${Array.from({ length: 7 }, (_, i) => `<line x1="205" y1="${340 + i * 50}" x2="595" y2="${340 + i * 50}" stroke="#fff" stroke-opacity="0.2" stroke-width="6"/>`).join('')}<rect x="210" y="470" width="380" height="50" fill="#8c2f39"/>`
    case 'paving':
      return Array.from({ length: 20 }, (_, i) => {
        const col = i % 5
        const row = Math.floor(i / 5)
        const x = 140 + col * 130 + (row % 2) * 65
        const y = 180 + row * 115
        return `<polygon transform="translate(${x} ${y})" points="0,-70 60,-35 60,35 0,70 -60,35 -60,-35" fill="${c}" stroke="#4a4a4a" stroke-width="6"/>`
      }).join('')
    case 'flipflops':
      return `${[270, 530].map((x, i) => `<ellipse cx="${x}" cy="${420 + i * 20}" rx="105" ry="240" fill="${c}"/><path d="M${x} ${300 + i * 20} l-80 120 M${x} ${300 + i * 20} l80 120" stroke="#fafafa" stroke-width="18" stroke-linecap="round"/>`).join('')}`
    case 'ship':
      return `<path d="M160 520 h480 l-70 110 h-340 z" fill="#6d4c41"/><line x1="330" y1="190" x2="330" y2="520" stroke="#3e2723" stroke-width="10"/><line x1="480" y1="230" x2="480" y2="520" stroke="#3e2723" stroke-width="10"/><path d="M340 200 q90 120 0 300 z" fill="#f5f0e6"/><path d="M490 240 q80 110 0 260 z" fill="#f5f0e6"/><rect x="130" y="640" width="540" height="40" rx="8" fill="${c}"/>`
    case 'painting':
      return `<rect x="150" y="170" width="500" height="420" fill="#d7b56d"/><rect x="180" y="200" width="440" height="360" fill="${c}"/><circle cx="400" cy="330" r="70" fill="#f4c542"/><path d="M280 540 q120 -220 240 0" fill="#f4c542" fill-opacity="0.8"/><path d="M330 360 l70 -140 l70 140" fill="#c62828"/>`
    case 'chips':
      return `<path d="M260 160 h280 l-20 80 l20 420 h-280 l20 -420 z" fill="${c}"/><ellipse cx="400" cy="430" rx="110" ry="70" fill="#fff3c4"/>${[360, 400, 440].map((x, i) => `<ellipse cx="${x}" cy="${420 + (i % 2) * 16}" rx="32" ry="18" fill="#e0a526"/>`).join('')}`
  }
}

/** The SVG of one demo product: its kind drawn in its colour on a soft background. */
export function illustration(kind: Drawing, colour: string, closeUp = false): string {
  const view = closeUp ? '200 200 400 400' : '0 0 800 800'
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="${view}"><rect x="0" y="0" width="800" height="800" fill="#f6f1e7"/><circle cx="400" cy="400" r="360" fill="${colour}" fill-opacity="0.12"/>${body(kind, colour)}</svg>`
}
