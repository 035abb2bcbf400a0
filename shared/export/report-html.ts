/**
 * report.html: the design report as one self-contained page. No external
 * resources and no script: a Content-Security-Policy forbids both, so even a
 * mistake elsewhere cannot make the page run model text. Prints well.
 */
import type { Model } from '../model';
import { toHtmlBody } from './document';
import { escapeHtml } from './escape';
import type { Block } from './document';
import { reportBlocks, type ReportInput } from './report';

const CSS = `
:root { color-scheme: light; --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --accent: #2563eb; --code: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); display: flex; }
nav { position: sticky; top: 0; align-self: flex-start; width: 250px; max-height: 100vh; overflow: auto; padding: 24px 16px; border-right: 1px solid var(--line); font-size: 13px; }
nav ul { list-style: none; padding-left: 0; margin: 0; } nav li.l3 { padding-left: 14px; }
nav a { color: var(--fg); text-decoration: none; display: block; padding: 2px 0; } nav a:hover { color: var(--accent); }
main { flex: 1; min-width: 0; max-width: 1100px; padding: 32px 48px; }
h1 { font-size: 30px; margin-top: 0; } h2 { margin-top: 40px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { margin-top: 28px; } h4 { margin: 20px 0 6px; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
table { border-collapse: collapse; width: 100%; margin: 12px 0; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #f9fafb; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
code { background: var(--code); padding: 1px 4px; border-radius: 4px; }
pre { background: var(--code); padding: 12px; border-radius: 6px; overflow: auto; }
pre code { background: none; padding: 0; }
figure { margin: 16px 0; } figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
figure.diagram svg { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
a { color: var(--accent); }
@media print {
  body { display: block; font-size: 11pt; }
  nav { display: none; }
  main { max-width: none; padding: 0; }
  h2 { break-before: page; } h2:first-of-type { break-before: avoid; }
  h2, h3, h4 { break-after: avoid; }
  table, figure, pre { break-inside: avoid; }
  pre { white-space: pre-wrap; }
  a { color: inherit; text-decoration: none; }
}
`;

export function reportHtml(model: Model, input: ReportInput = {}): string {
  return reportHtmlOf(model, reportBlocks(model, input));
}

/** The page for report blocks already built (the package builds them once for both reports). */
export function reportHtmlOf(model: Model, blocks: Block[]): string {
  const { body, toc } = toHtmlBody(blocks);
  const nav = toc
    .filter((t) => t.level >= 2)
    .map((t) => `<li class="l${t.level}"><a href="#${t.id}">${escapeHtml(t.text)}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Keel">
<title>${escapeHtml(model.name)}: design report</title>
<style>${CSS}</style>
</head>
<body>
<nav aria-label="Contents"><ul>${nav}</ul></nav>
<main>
${body}
</main>
</body>
</html>
`;
}
