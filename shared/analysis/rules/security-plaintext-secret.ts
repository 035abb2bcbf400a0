import { list } from '../fmt';
import type { RawFinding, Rule } from './rule';

const SECRET_KEY = /(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)/i;
const REFERENCE = /^(vault:|env:|secret:|\$\{)/;
const AWS_KEY = /AKIA[0-9A-Z]{16}/;
const PEM_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

/** Whether a config entry holds a secret literally (model-format.md section 5). */
export function holdsSecret(key: string, value: string | number | boolean): boolean {
  const text = String(value);
  if (AWS_KEY.test(text) || PEM_KEY.test(text)) return true;
  return SECRET_KEY.test(key) && text !== '' && !REFERENCE.test(text);
}

export const rule: Rule = {
  id: 'security.plaintext-secret',
  severity: 'critical',
  subject: 'node',
  title: 'Secret written in plain text',
  when: 'a config value holds a secret literally: its key names a password, secret, token, API key, private key or credential and its value is not a vault:, env:, secret: or ${...} reference; or any value is an AWS access key id or a PEM private key.',
  why: 'The model lives in git: a literal secret leaks to everyone with the repository, its history and every export.',
  fix: 'Replace the value with a reference (env:NAME, vault:path#key, secret:name or ${NAME}) and rotate the secret that was written down.',
  check(ctx) {
    const out: RawFinding[] = [];
    const g = ctx.graph;
    for (let v = 0; v < g.ids.length; v++) {
      const config = g.nodes[v]!.config;
      if (!config) continue;
      const keys = Object.entries(config)
        .filter(([k, val]) => holdsSecret(k, val))
        .map(([k]) => k);
      if (keys.length === 0) continue;
      const id = g.ids[v]!;
      out.push({
        nodes: [id],
        // Never repeat the value itself: the message ends up in logs and reports.
        message: `${id} holds ${keys.length === 1 ? 'a secret' : `${keys.length} secrets`} in plain text in config: ${list(keys, 10)}.`,
        suggestion: `Replace ${keys.length === 1 ? 'it' : 'each'} with a reference such as ${keys[0]}: env:${keys[0]!.toUpperCase().replace(/[^A-Z0-9]+/g, '_')} (or vault:...), and rotate the leaked value.`,
      });
    }
    return out;
  },
};
