/** The form of one node: every field of the format for its kind. */
import { useEffect, useState } from 'react';
import {
  API_STYLES,
  AUTH_KINDS,
  BROKERS,
  CACHE_INVALIDATION,
  CLIENT_TRUST,
  DB_ENGINES,
} from '../../../shared/model/schema';
import { isApiKind, isMessagingKind } from '../../../shared/model/defaults';
import { isId } from '../../../shared/model/ids';
import { KindIcon } from '../canvas/KindIcon';
import { KIND_LOOK } from '../canvas/kinds';
import { renameNode } from '../state/commands';
import { useStudio } from '../state/hooks';
import { studio } from '../state/store';
import { ConfigEditor, EndpointsEditor, MessagesEditor, RpcsEditor, TablesEditor } from './editors';
import { BoolField, NumberField, Row, Section, SelectField, TagsField, TextField, usePathValue } from './fields';
import { ContextSelect } from './ContextSelect';

export function NodeForm({ id }: { id: string }) {
  const kind = useStudio((s) => s.model?.nodes[id]?.kind);
  const apiStyle = usePathValue(['nodes', id, 'api', 'style']) as string | undefined;
  const nodeIds = useStudio(
    (s) => Object.keys(s.model?.nodes ?? {}),
    (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
  );
  if (!kind) return null;
  const base = ['nodes', id] as const;
  const look = KIND_LOOK[kind];
  const others = nodeIds.filter((n) => n !== id);
  return (
    <div className="form" data-testid="node-form" data-node={id}>
      <div className="form-head" style={{ '--kind': look.color } as React.CSSProperties}>
        <span className="kn-chip">
          <KindIcon kind={kind} size={18} />
        </span>
        <div>
          <div className="form-kind">{look.label}</div>
          <IdField id={id} />
        </div>
      </div>

      <Section title="General">
        <TextField path={[...base, 'name']} label="Name" testid="inspector-name" placeholder={id} />
        <TextField path={[...base, 'description']} label="Description" testid="inspector-description" multiline />
        <ContextSelect path={[...base, 'context']} />
        <Row>
          <TextField
            path={[...base, 'tech']}
            label="Technology"
            testid="inspector-tech"
            placeholder="Go, Postgres 16…"
          />
          <TagsField path={[...base, 'tags']} label="Tags" testid="inspector-tags" />
        </Row>
      </Section>

      {kind === 'client' ? (
        <Section title="Load">
          <Row>
            <NumberField path={[...base, 'rps']} label="Requests / s" testid="inspector-rps" placeholder="0" />
            <SelectField
              path={[...base, 'trust']}
              label="Trust"
              testid="inspector-trust"
              options={CLIENT_TRUST}
              empty="public (default)"
            />
          </Row>
        </Section>
      ) : null}

      <Section title="Capacity and reliability">
        <Row>
          <NumberField
            path={[...base, 'replicas']}
            label="Replicas"
            testid="inspector-replicas"
            placeholder="1"
            integer
          />
          <NumberField
            path={[...base, 'capacity', 'rps']}
            label="Capacity (rps / replica)"
            testid="inspector-capacity"
          />
        </Row>
        <Row>
          <NumberField
            path={[...base, 'latencyMs']}
            label="Latency p99 (ms)"
            testid="inspector-latency"
            placeholder="0"
          />
          <NumberField
            path={[...base, 'availability']}
            label="Availability (%)"
            testid="inspector-availability"
            placeholder="99.9"
          />
        </Row>
      </Section>

      {isApiKind(kind) ? (
        <Section title="API">
          <Row>
            <SelectField
              path={[...base, 'api', 'style']}
              label="Style"
              testid="inspector-api.style"
              options={API_STYLES}
              empty="rest (default)"
            />
            <TextField
              path={[...base, 'api', 'version']}
              label="Version"
              testid="inspector-api.version"
              placeholder="v1"
            />
          </Row>
          <TextField
            path={[...base, 'api', 'basePath']}
            label="Base path"
            testid="inspector-api.basePath"
            placeholder="/api"
          />
          {apiStyle === 'grpc' ? (
            <RpcsEditor base={base} />
          ) : apiStyle === undefined || apiStyle === 'rest' ? (
            <EndpointsEditor base={base} />
          ) : null}
          {apiStyle === 'graphql' ? (
            <NumberField
              path={[...base, 'api', 'maxQueryDepth']}
              label="Max query depth"
              testid="inspector-api.maxQueryDepth"
              integer
            />
          ) : null}
        </Section>
      ) : null}

      {kind === 'database' ? (
        <Section title="Database">
          <Row>
            <SelectField path={[...base, 'engine']} label="Engine" testid="inspector-engine" options={DB_ENGINES} />
            <NumberField
              path={[...base, 'readReplicas']}
              label="Read replicas"
              testid="inspector-readReplicas"
              integer
            />
          </Row>
          <SelectField
            path={[...base, 'owner']}
            label="Owner"
            testid="inspector-owner"
            options={others}
            empty="(no owner)"
          />
          <TablesEditor base={base} />
        </Section>
      ) : null}

      {kind === 'cache' ? (
        <Section title="Cache">
          <Row>
            <TextField path={[...base, 'engine']} label="Engine" testid="inspector-engine" placeholder="redis" />
            <NumberField path={[...base, 'ttlSeconds']} label="TTL (s)" testid="inspector-ttlSeconds" />
          </Row>
          <SelectField
            path={[...base, 'invalidation']}
            label="Invalidation"
            testid="inspector-invalidation"
            options={CACHE_INVALIDATION}
          />
        </Section>
      ) : null}

      {isMessagingKind(kind) ? (
        <Section title={kind === 'topic' ? 'Topic' : 'Queue'}>
          <Row>
            <SelectField path={[...base, 'broker']} label="Broker" testid="inspector-broker" options={BROKERS} />
            <NumberField path={[...base, 'partitions']} label="Partitions" testid="inspector-partitions" integer />
          </Row>
          <Row>
            <NumberField path={[...base, 'retentionHours']} label="Retention (h)" testid="inspector-retentionHours" />
            <DeadLetterField id={id} others={others} />
          </Row>
          <MessagesEditor base={base} />
        </Section>
      ) : null}

      <Section title="Security" defaultOpen={false}>
        <Row>
          <SelectField
            path={[...base, 'security', 'auth']}
            label="Authentication"
            testid="inspector-auth"
            options={AUTH_KINDS}
          />
          <NumberField
            path={[...base, 'security', 'rateLimitRps']}
            label="Rate limit (rps)"
            testid="inspector-rateLimitRps"
          />
        </Row>
        <BoolField path={[...base, 'security', 'rbac']} label="Access control (RBAC)" testid="inspector-rbac" />
      </Section>

      <Section title="Observability" defaultOpen={false}>
        <Row>
          <TextField
            path={[...base, 'observability', 'liveness']}
            label="Liveness"
            testid="inspector-liveness"
            placeholder="/health"
          />
          <TextField
            path={[...base, 'observability', 'readiness']}
            label="Readiness"
            testid="inspector-readiness"
            placeholder="/ready"
          />
        </Row>
        <Row>
          <TextField
            path={[...base, 'observability', 'metrics']}
            label="Metrics"
            testid="inspector-metrics"
            placeholder="/metrics"
          />
          <TextField
            path={[...base, 'observability', 'tracing']}
            label="Tracing"
            testid="inspector-tracing"
            placeholder="otel"
          />
        </Row>
        <TextField
          path={[...base, 'observability', 'logging']}
          label="Logging"
          testid="inspector-logging"
          placeholder="json"
        />
      </Section>

      <Section title="Configuration" defaultOpen={false}>
        <ConfigEditor base={base} />
      </Section>
    </div>
  );
}

function DeadLetterField({ id, others }: { id: string; others: string[] }) {
  return (
    <SelectField
      path={['nodes', id, 'deadLetter']}
      label="Dead letter"
      testid="inspector-deadLetter"
      options={others}
      empty="(none)"
    />
  );
}

/** The node id, renamed everywhere it is used on Enter or blur. */
function IdField({ id }: { id: string }) {
  const [draft, setDraft] = useState(id);
  useEffect(() => setDraft(id), [id]);
  const valid = isId(draft);
  const commit = () => {
    if (draft === id) return;
    if (!valid || draft in studio.model.nodes) return setDraft(id);
    studio.edit(renameNode(id, draft), { label: `Rename ${id}` });
    studio.select([draft]);
  };
  return (
    <div className="id-field">
      <input
        className={`input input-id${valid ? '' : ' is-invalid'}`}
        value={draft}
        aria-label="Node id"
        data-testid="inspector-id"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        spellCheck={false}
      />
      {!valid ? <div className="field-error">lower-case letters, digits, ".", "_" or "-"</div> : null}
    </div>
  );
}
