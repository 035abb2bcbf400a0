/** The form of one link. */
import { LINK_ACCESS } from '../../../shared/model/schema';
import { linkMode, resolveLinks } from '../../../shared/model/defaults';
import type { Model } from '../../../shared/model/types';
import { useStudio } from '../state/hooks';
import { BoolField, NumberField, Row, Section, SelectField, TextField } from './fields';

const MODE_TEXT = {
  sync: 'Synchronous call',
  async: 'Fire-and-forget (async)',
  publish: 'Publish to a queue or topic',
  consume: 'Consume from a queue or topic',
} as const;

function endpointOptions(model: Model, to: string): string[] {
  const n = model.nodes[to];
  if (!n || !('api' in n) || !n.api) return [];
  return [...(n.api.endpoints ?? []).map((e) => e.id), ...(n.api.rpcs ?? []).map((r) => r.name)];
}

export function LinkForm({ linkId }: { linkId: string }) {
  const info = useStudio(
    (s) => {
      if (!s.model) return null;
      const l = resolveLinks(s.model).find((r) => r.id === linkId);
      if (!l) return null;
      const to = s.model.nodes[l.to];
      const messages = to && (to.kind === 'queue' || to.kind === 'topic') ? Object.keys(to.messages ?? {}) : [];
      return {
        index: l.index,
        from: l.from,
        to: l.to,
        mode: linkMode(s.model, l),
        endpoints: endpointOptions(s.model, l.to).join('\u0000'),
        messages: messages.join('\u0000'),
      };
    },
    (a, b) => JSON.stringify(a) === JSON.stringify(b),
  );
  if (!info) return null;
  const base = ['links', info.index] as const;
  const endpoints = info.endpoints ? info.endpoints.split('\u0000') : [];
  const messages = info.messages ? info.messages.split('\u0000') : [];
  const sync = info.mode === 'sync';
  return (
    <div className="form" data-testid="link-form" data-link={linkId}>
      <div className="form-head">
        <div>
          <div className="form-kind">Link</div>
          <div className="link-ends">
            <code>{info.from}</code>
            <span className={`link-arrow link-arrow-${info.mode}`} />
            <code>{info.to}</code>
          </div>
          <div className="muted">{MODE_TEXT[info.mode]}</div>
        </div>
      </div>
      <Section title="Call">
        <Row>
          <TextField
            path={[...base, 'protocol']}
            label="Protocol"
            testid="inspector-link-protocol"
            placeholder="https, grpc, sql…"
          />
          <NumberField
            path={[...base, 'calls']}
            label="Calls per request"
            testid="inspector-link-calls"
            placeholder="1"
          />
        </Row>
        {sync ? (
          <Row>
            <NumberField path={[...base, 'timeoutMs']} label="Timeout (ms)" testid="inspector-link-timeoutMs" />
            <NumberField
              path={[...base, 'retries']}
              label="Retries"
              testid="inspector-link-retries"
              placeholder="0"
              integer
            />
          </Row>
        ) : null}
        {endpoints.length ? (
          <SelectField
            path={[...base, 'endpoint']}
            label="Endpoint"
            testid="inspector-link-endpoint"
            options={endpoints}
          />
        ) : (
          <TextField path={[...base, 'endpoint']} label="Endpoint" testid="inspector-link-endpoint" />
        )}
        {info.mode === 'publish' ? (
          <SelectField path={[...base, 'message']} label="Message" testid="inspector-link-message" options={messages} />
        ) : null}
        {info.mode === 'consume' ? (
          <TextField
            path={[...base, 'group']}
            label="Consumer group"
            testid="inspector-link-group"
            placeholder={info.to}
          />
        ) : null}
        <SelectField path={[...base, 'access']} label="Access" testid="inspector-link-access" options={LINK_ACCESS} />
        <TextField path={[...base, 'description']} label="Description" testid="inspector-link-description" multiline />
      </Section>
      <Section title="Resilience">
        <BoolField path={[...base, 'async']} label="Fire-and-forget (async)" testid="inspector-link-async" />
        <BoolField
          path={[...base, 'optional']}
          label="Optional (caller degrades gracefully)"
          testid="inspector-link-optional"
        />
        <BoolField path={[...base, 'parallel']} label="Parallel with sibling calls" testid="inspector-link-parallel" />
        <BoolField path={[...base, 'circuitBreaker']} label="Circuit breaker" testid="inspector-link-circuitBreaker" />
        <BoolField path={[...base, 'mtls']} label="Mutual TLS" testid="inspector-link-mtls" />
      </Section>
    </div>
  );
}
