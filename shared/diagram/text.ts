/** Text sizing without a browser, shared by the ELK graph (label room) and the SVG (truncation). */
import { callsOf, type Link } from '../model';

/** Rough advance width of a system sans-serif; errs a little wide so text never overflows. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if ('iljt.,:;|!\'"`()[]{} '.includes(ch)) em += 0.3;
    else if ('mwMW@%'.includes(ch)) em += 0.86;
    else if (ch >= 'A' && ch <= 'Z') em += 0.66;
    else if (ch >= '0' && ch <= '9') em += 0.56;
    else if (ch.charCodeAt(0) > 0x2e80) em += 1;
    else em += 0.53;
  }
  return em * fontSize * (bold ? 1.06 : 1);
}

/** The text cut with an ellipsis to fit `maxWidth`. */
export function fitText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(chars.join('') + '…', fontSize, bold) > maxWidth) chars.pop();
  return chars.join('').trimEnd() + '…';
}

/** Calls per request as people write them: 3×, 0.3×, 0.05×. */
export function formatCalls(calls: number): string {
  const shown = calls >= 10 ? String(Math.round(calls)) : String(Number(calls.toPrecision(2)));
  return `${shown}×`;
}

/** What a link's label says (protocol, message, calls when not 1), or '' for none. */
export function linkLabel(link: Link): string {
  const calls = callsOf(link);
  return [link.protocol, link.message, calls !== 1 ? formatCalls(calls) : null].filter(Boolean).join(' · ');
}

export const EDGE_LABEL_FONT = 10.5;
export const EDGE_LABEL_MAX_WIDTH = 150;
/** Size of the chip an edge label is drawn on. */
export function edgeLabelSize(text: string): { width: number; height: number } {
  return { width: Math.ceil(Math.min(textWidth(text, EDGE_LABEL_FONT), EDGE_LABEL_MAX_WIDTH) + 12), height: 18 };
}
