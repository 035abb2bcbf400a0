/**
 * Escaping of model text for each export target. Every name, description or
 * summary a person typed goes through one of these before it reaches a file:
 * the model is untrusted input (it may come from a pull request).
 */

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/** Text for XML (SVG) content and attributes; also drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeHtml(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
}

/** Collapses line breaks and control characters to single spaces (one-line contexts). */
export function oneLine(text: string): string {
  return collapse(text)
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * Inline Markdown text: characters with Markdown meaning are backslash-escaped
 * and `<`, `>`, `&` become entities so no HTML survives. Line breaks collapse
 * to spaces (callers split paragraphs first when they want them).
 */
export function escapeMarkdown(text: string): string {
  return collapse(text)
    .replace(/[\\`*_[\]#|~$]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c]!)
    .replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3')
    .replace(/^(\s*)([-+=])/, '$1\\$2');
}

/** Line breaks and control characters become spaces; no trimming (inline pieces keep their edges). */
function collapse(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001F\u007F\u2028\u2029]+/g, ' ');
}

/** Splits free text into paragraphs (blank-line separated), each escaped for Markdown. */
export function markdownParagraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => escapeMarkdown(p.trim()))
    .filter((p) => p.length > 0);
}

/** A Markdown code fence long enough that nothing in `body` can close it. */
export function fenced(body: string, lang = ''): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body.replace(/\n?$/, '')}\n${fence}`;
}

/**
 * A Mermaid label in double quotes. Everything but letters, digits, spaces and
 * a few harmless marks becomes a Mermaid entity code (`#60;`), so no quote,
 * bracket, backtick or tag can end the label or reach the renderer as HTML.
 */
export function mermaidLabel(text: string): string {
  const body = oneLine(text).replace(/[^A-Za-z0-9 ,.:/_@=+-]/gu, (c) => `#${c.codePointAt(0)};`);
  return `"${body}"`;
}

/** Text for a `--` SQL comment line: one line, no control characters. */
export function sqlComment(text: string): string {
  return oneLine(text);
}

/** A proto `//` comment: one line. */
export function protoComment(text: string): string {
  return oneLine(text);
}

/** PascalCase from an id such as `order-events.v1` -> `OrderEventsV1`. */
export function pascalCase(id: string): string {
  const out = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
  return /^[A-Za-z]/.test(out) ? out : `X${out}`;
}

/** A slug for file names: lower-case letters, digits and dashes, cut at a word boundary. */
export function slugify(text: string, max = 50): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1).replace(/-[^-]*$/, '') || slug.slice(0, max);
  return cut.replace(/-+$/g, '');
}
