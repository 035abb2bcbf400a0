/** One Markdown ADR per decision: `decisions/NNNN-<slug>.md` (Nygard/MADR shape). */
import { safeFileStem, type Decision } from '../model';
import { escapeMarkdown, markdownParagraphs, slugify } from './escape';

export function adrFileName(decision: Decision, index: number): string {
  const slug = safeFileStem(slugOrId(decision));
  return `${String(index + 1).padStart(4, '0')}-${slug}.md`;
}

function slugOrId(decision: Decision): string {
  return slugify(decision.title) || decision.id;
}

export function adrMarkdown(decision: Decision, index: number): string {
  const out = [`# ${index + 1}. ${escapeMarkdown(decision.title)}`, ''];
  out.push(`- Status: ${decision.status}`);
  if (decision.date) out.push(`- Date: ${escapeMarkdown(decision.date)}`);
  out.push(`- Id: ${escapeMarkdown(decision.id)}`, '');
  const section = (title: string, text?: string) => {
    out.push(`## ${title}`, '');
    const paras = text ? markdownParagraphs(text) : [];
    out.push(...(paras.length ? paras.flatMap((p) => [p, '']) : ['_Not recorded._', '']));
  };
  section('Context', decision.context);
  section('Decision', decision.decision);
  section('Consequences', decision.consequences);
  if (decision.alternatives?.length) {
    out.push('## Alternatives considered', '');
    for (const a of decision.alternatives) out.push(`- ${escapeMarkdown(a)}`);
    out.push('');
  }
  return out.join('\n');
}
