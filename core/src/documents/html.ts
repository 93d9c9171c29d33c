/**
 * The HTML shell every printed document uses: the shipped Noto fonts (Latin with ₹, Devanagari,
 * Gurmukhi) and print styles. Text put into documents must go through `escapeHtml`.
 */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const FONT_FACES = [
  ['Noto Sans', 'NotoSans'],
  ['Noto Sans Devanagari', 'NotoSansDevanagari'],
  ['Noto Sans Gurmukhi', 'NotoSansGurmukhi'],
]
  .flatMap(([family, file]) => [
    `@font-face{font-family:'${family}';font-weight:400;src:url('/fonts/${file}-Regular.ttf') format('truetype');}`,
    `@font-face{font-family:'${family}';font-weight:700;src:url('/fonts/${file}-Bold.ttf') format('truetype');}`,
  ])
  .join('\n');

export function documentShell(opts: { lang: string; title: string; body: string; css?: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(opts.lang)}"><head><meta charset="utf-8"><title>${escapeHtml(opts.title)}</title>
<style>
${FONT_FACES}
body{font-family:'Noto Sans','Noto Sans Devanagari','Noto Sans Gurmukhi',sans-serif;font-size:11pt;line-height:1.5;color:#0B0C0C;margin:0}
.page{page-break-after:always}.page:last-child{page-break-after:auto}
${opts.css ?? ''}
</style></head><body>${opts.body}</body></html>`;
}
