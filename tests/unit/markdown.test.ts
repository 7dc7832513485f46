import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '#app/lib/markdown.server.ts'

describe('renderMarkdown (trust pages, ADR 023)', () => {
  it('keeps text markup: headings (# becomes h2 under the page title), lists, emphasis, links', () => {
    expect(
      renderMarkdown(
        '# Judul\n\n## Bagian\n\n- satu\n- **dua**\n\n[Kontak](/info/kontak) · [LAPOR](https://www.lapor.go.id) · [surel](mailto:a@b.id)',
        'page',
      ),
    ).toBe(
      '<h2>Judul</h2>\n<h2>Bagian</h2>\n<ul>\n<li>satu</li>\n<li><strong>dua</strong></li>\n</ul>\n<p><a href="/info/kontak">Kontak</a> · <a href="https://www.lapor.go.id" rel="noopener noreferrer">LAPOR</a> · <a href="mailto:a@b.id">surel</a></p>\n',
    )
  })

  it('drops scripts, event attributes, images, frames, styles and javascript: links', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <iframe src="https://x"></iframe> <p style="color:red" onclick="x()">teks</p>\n\n[klik](javascript:alert(1)) <a href="data:text/html,x">d</a>',
      'page',
    )
    expect(html).not.toMatch(/script|onerror|onclick|<img|iframe|style=|javascript:|data:/i)
    expect(html).toContain('teks')
    expect(html).toContain('klik')
  })
})
