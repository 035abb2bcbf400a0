/**
 * A small document model the design report is built in once and rendered
 * twice: to Markdown (README.md) and to HTML (report.html). Model text only
 * ever enters as plain strings; each renderer escapes for its own target.
 */
import { escapeHtml, escapeMarkdown, fenced } from './escape';

export type Inline =
  | string
  | { code: string }
  | { strong: string }
  | { em: string }
  /** `href` must be built by Keel from safe file stems, never model text. */
  | { link: string; href: string };
export type Cell = Inline | Inline[];

export type Block =
  | { h: 1 | 2 | 3 | 4; text: string }
  | { p: Inline[] }
  | { list: Cell[] }
  | { table: { head: string[]; rows: Cell[][] } }
  | { code: string; lang: string; title?: string }
  | { diagram: string; svg?: string; caption: string };

const cellParts = (c: Cell): Inline[] => (Array.isArray(c) ? c : [c]);

// ---------------------------------------------------------------- Markdown

function mdInline(part: Inline): string {
  if (typeof part === 'string') return escapeMarkdown(part);
  if ('code' in part) {
    // A code span long enough for any backticks inside; padded so edge backticks stay literal.
    const body = part.code.replace(/[\r\n]+/g, ' ');
    const run = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
    const ticks = '`'.repeat(run + 1);
    return `${ticks} ${body.replace(/\|/g, '\\|')} ${ticks}`;
  }
  if ('strong' in part) return `**${escapeMarkdown(part.strong)}**`;
  if ('em' in part) return `_${escapeMarkdown(part.em)}_`;
  return `[${escapeMarkdown(part.link)}](${encodeURI(part.href)})`;
}

const mdCell = (c: Cell) => cellParts(c).map(mdInline).join('') || ' ';

export function toMarkdown(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if ('h' in b) out.push(`${'#'.repeat(b.h)} ${escapeMarkdown(b.text)}`);
    else if ('p' in b) out.push(b.p.map(mdInline).join(''));
    else if ('list' in b) out.push(b.list.map((item) => `- ${mdCell(item)}`).join('\n'));
    else if ('table' in b) {
      const { head, rows } = b.table;
      out.push(
        [
          `| ${head.map(escapeMarkdown).join(' | ')} |`,
          `| ${head.map(() => '---').join(' | ')} |`,
          ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
        ].join('\n'),
      );
    } else if ('code' in b) {
      if (b.title) out.push(`_${escapeMarkdown(b.title)}_`);
      out.push(fenced(b.code, b.lang));
    } else {
      out.push(fenced(b.diagram, 'mermaid'));
      out.push(`_${escapeMarkdown(b.caption)}_`);
    }
    out.push('');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- HTML

function htmlInline(part: Inline): string {
  if (typeof part === 'string') return escapeHtml(part);
  if ('code' in part) return `<code>${escapeHtml(part.code)}</code>`;
  if ('strong' in part) return `<strong>${escapeHtml(part.strong)}</strong>`;
  if ('em' in part) return `<em>${escapeHtml(part.em)}</em>`;
  return `<a href="${escapeHtml(encodeURI(part.href))}">${escapeHtml(part.link)}</a>`;
}

const htmlCell = (c: Cell) => cellParts(c).map(htmlInline).join('');

/** Anchor ids from heading text: letters, digits and dashes only. */
export function anchorId(text: string, taken: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'section';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

export function toHtmlBody(blocks: Block[]): { body: string; toc: { level: number; id: string; text: string }[] } {
  const out: string[] = [];
  const toc: { level: number; id: string; text: string }[] = [];
  const ids = new Set<string>();
  for (const b of blocks) {
    if ('h' in b) {
      const id = anchorId(b.text, ids);
      if (b.h <= 3) toc.push({ level: b.h, id, text: b.text });
      out.push(`<h${b.h} id="${id}">${escapeHtml(b.text)}</h${b.h}>`);
    } else if ('p' in b) out.push(`<p>${b.p.map(htmlInline).join('')}</p>`);
    else if ('list' in b) out.push(`<ul>${b.list.map((i) => `<li>${htmlCell(i)}</li>`).join('')}</ul>`);
    else if ('table' in b) {
      const { head, rows } = b.table;
      out.push(
        `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${htmlCell(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
    } else if ('code' in b) {
      out.push(
        `<figure class="code">${b.title ? `<figcaption>${escapeHtml(b.title)}</figcaption>` : ''}<pre><code class="language-${escapeHtml(b.lang)}">${escapeHtml(b.code)}</code></pre></figure>`,
      );
    } else if (b.svg) {
      out.push(`<figure class="diagram">${inlineSvg(b.svg)}<figcaption>${escapeHtml(b.caption)}</figcaption></figure>`);
    } else {
      out.push(
        `<figure class="diagram"><pre class="mermaid"><code>${escapeHtml(b.diagram)}</code></pre><figcaption>${escapeHtml(b.caption)} (Mermaid source)</figcaption></figure>`,
      );
    }
  }
  return { body: out.join('\n'), toc };
}

/**
 * The diagram SVG placed inline: its XML prolog and doctype dropped, and,
 * defence in depth on top of the renderer's own escaping and the page's CSP,
 * any script element, event-handler attribute or foreignObject removed.
 */
export function inlineSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .replace(/<script[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<foreignObject[\s\S]*?<\/foreignObject\s*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .trim();
}
