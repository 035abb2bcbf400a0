/** Editors for the structured parts of a node: endpoints, rpcs, tables, messages, config. */
import { COLUMN_TYPES, HTTP_METHODS, STREAMING_MODES } from '../../../shared/model/schema';
import type { ColumnSpec, EndpointSpec, IndexSpec, MessageSpec, RpcSpec, TableSpec } from '../../../shared/model/types';
import { Icon } from '../app/icons';
import { readPath, uniqueId, writePath, type Path } from '../state/commands';
import { useStudio } from '../state/hooks';
import { studio } from '../state/store';
import { BoolField, KeyField, NumberField, Row, SelectField, TextField, usePathValue } from './fields';

function useSchemaNames(): string[] {
  return useStudio(
    (s) => Object.keys(s.model?.schemas ?? {}),
    (a, b) => a.join() === b.join(),
  );
}

function push(path: Path, item: unknown, label: string) {
  studio.edit(
    (m) => {
      const list = readPath(m, path);
      if (Array.isArray(list)) list.push(item);
      else writePath(m as unknown as Record<string, unknown>, path, [item]);
    },
    { label },
  );
}

function removeAt(path: Path, index: number, label: string) {
  studio.edit(
    (m) => {
      const list = readPath(m, path);
      if (!Array.isArray(list)) return;
      list.splice(index, 1);
      if (list.length === 0) writePath(m as unknown as Record<string, unknown>, path, undefined);
    },
    { label },
  );
}

function setKey(path: Path, key: string, value: unknown, label: string) {
  studio.edit((m) => writePath(m as unknown as Record<string, unknown>, [...path, key], value), { label });
}

function RemoveButton({ onClick, label }: { onClick: () => void; label: string }) {
  return (
    <button type="button" className="tool tool-small" onClick={onClick} aria-label={label} title={label}>
      <Icon name="trash" size={14} />
    </button>
  );
}

function AddButton({ onClick, label, testid }: { onClick: () => void; label: string; testid?: string }) {
  return (
    <button type="button" className="btn btn-small btn-ghost" onClick={onClick} data-testid={testid}>
      <Icon name="plus" size={14} />
      {label}
    </button>
  );
}

export function EndpointsEditor({ base }: { base: Path }) {
  const path = [...base, 'api', 'endpoints'];
  const endpoints = (usePathValue(path) as EndpointSpec[] | undefined) ?? [];
  const schemas = useSchemaNames();
  return (
    <div className="list-editor" data-testid="endpoints">
      {endpoints.map((e, i) => (
        <div key={i} className="list-item">
          <div className="list-item-head">
            <span className={`method method-${e.method}`}>{e.method}</span>
            <span className="list-item-title">{e.path}</span>
            <RemoveButton onClick={() => removeAt(path, i, 'Remove endpoint')} label="Remove endpoint" />
          </div>
          <Row>
            <SelectField
              path={[...path, i, 'method']}
              label="Method"
              testid={`endpoint-${i}-method`}
              options={HTTP_METHODS}
              empty={null}
            />
            <TextField
              path={[...path, i, 'path']}
              label="Path"
              testid={`endpoint-${i}-path`}
              placeholder="/orders/{id}"
            />
          </Row>
          <Row>
            <TextField path={[...path, i, 'id']} label="Id" testid={`endpoint-${i}-id`} />
            <SelectField
              path={[...path, i, 'request']}
              label="Request"
              testid={`endpoint-${i}-request`}
              options={schemas}
            />
          </Row>
          <TextField path={[...path, i, 'summary']} label="Summary" testid={`endpoint-${i}-summary`} />
          <ResponsesEditor path={[...path, i, 'responses']} schemas={schemas} />
        </div>
      ))}
      <AddButton
        label="Endpoint"
        testid="add-endpoint"
        onClick={() => {
          const id = uniqueId('endpoint', (x) => endpoints.some((e) => e.id === x));
          push(path, { id, method: 'GET', path: '/' }, 'Add endpoint');
        }}
      />
    </div>
  );
}

function ResponsesEditor({ path, schemas }: { path: Path; schemas: string[] }) {
  const responses =
    (usePathValue(path) as Record<string, string | { description?: string; schema?: string }> | undefined) ?? {};
  return (
    <div className="sub-list">
      <div className="sub-list-title">Responses</div>
      {Object.entries(responses).map(([status, spec]) => (
        <div key={status} className="sub-row">
          <code className="status">{status}</code>
          <select
            className="input select input-small"
            value={typeof spec === 'string' ? spec : (spec.schema ?? '')}
            onChange={(e) =>
              setKey(
                path,
                status,
                e.target.value || { description: typeof spec === 'object' ? (spec.description ?? '') : '' },
                'Set response',
              )
            }
            aria-label={`Schema of ${status}`}
          >
            <option value="">(no body)</option>
            {schemas.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <RemoveButton onClick={() => setKey(path, status, undefined, 'Remove response')} label={`Remove ${status}`} />
        </div>
      ))}
      <AddButton
        label="Response"
        onClick={() => {
          const status = ['200', '201', '204', '400', '404', '422', '500'].find((s) => !(s in responses)) ?? 'default';
          setKey(path, status, { description: 'OK' }, 'Add response');
        }}
      />
    </div>
  );
}

export function RpcsEditor({ base }: { base: Path }) {
  const path = [...base, 'api', 'rpcs'];
  const rpcs = (usePathValue(path) as RpcSpec[] | undefined) ?? [];
  const schemas = useSchemaNames();
  return (
    <div className="list-editor" data-testid="rpcs">
      <TextField
        path={[...base, 'api', 'package']}
        label="Package"
        testid="inspector-api.package"
        placeholder="shop.orders.v1"
      />
      {rpcs.map((r, i) => (
        <div key={i} className="list-item">
          <div className="list-item-head">
            <span className="list-item-title">{r.name}</span>
            <RemoveButton onClick={() => removeAt(path, i, 'Remove rpc')} label="Remove rpc" />
          </div>
          <Row>
            <TextField path={[...path, i, 'name']} label="Name" testid={`rpc-${i}-name`} />
            <SelectField
              path={[...path, i, 'streaming']}
              label="Streaming"
              testid={`rpc-${i}-streaming`}
              options={STREAMING_MODES}
            />
          </Row>
          <Row>
            <SelectField path={[...path, i, 'request']} label="Request" testid={`rpc-${i}-request`} options={schemas} />
            <SelectField
              path={[...path, i, 'response']}
              label="Response"
              testid={`rpc-${i}-response`}
              options={schemas}
            />
          </Row>
        </div>
      ))}
      <AddButton
        label="RPC"
        testid="add-rpc"
        onClick={() => {
          let n = rpcs.length + 1;
          while (rpcs.some((r) => r.name === `Method${n}`)) n++;
          push(path, { name: `Method${n}` }, 'Add rpc');
        }}
      />
    </div>
  );
}

export function TablesEditor({ base }: { base: Path }) {
  const path = [...base, 'tables'];
  const tables = (usePathValue(path) as Record<string, TableSpec> | undefined) ?? {};
  return (
    <div className="list-editor" data-testid="tables">
      {Object.entries(tables).map(([name, t]) => (
        <details key={name} className="list-item" open={Object.keys(tables).length <= 2}>
          <summary className="list-item-head">
            <span className="list-item-title">{name}</span>
            <span className="muted">{Object.keys(t.columns).length} columns</span>
          </summary>
          <Row>
            <KeyField recordPath={path} name={name} label="Table" testid={`table-${name}-name`} />
            <TextField path={[...path, name, 'shardKey']} label="Shard key" testid={`table-${name}-shardKey`} />
          </Row>
          <Row>
            <NumberField path={[...path, name, 'rows']} label="Rows" testid={`table-${name}-rows`} />
            <NumberField path={[...path, name, 'rowBytes']} label="Bytes per row" testid={`table-${name}-rowBytes`} />
          </Row>
          <ColumnsEditor path={[...path, name, 'columns']} columns={t.columns} />
          <IndexesEditor path={[...path, name, 'indexes']} indexes={t.indexes ?? []} />
          <button
            type="button"
            className="btn btn-small btn-ghost btn-danger"
            onClick={() => setKey(path, name, undefined, `Remove table ${name}`)}
          >
            Remove table
          </button>
        </details>
      ))}
      <AddButton
        label="Table"
        testid="add-table"
        onClick={() => {
          let n = Object.keys(tables).length + 1;
          while (`table_${n}` in tables) n++;
          setKey(path, `table_${n}`, { columns: { id: { type: 'uuid', primaryKey: true } } }, 'Add table');
        }}
      />
    </div>
  );
}

function ColumnsEditor({ path, columns }: { path: Path; columns: Record<string, ColumnSpec> }) {
  return (
    <div className="sub-list">
      <div className="sub-list-title">Columns</div>
      <div className="column-head">
        <span>Name</span>
        <span>Type</span>
        <span title="Primary key">PK</span>
        <span title="Nullable">Null</span>
        <span title="Unique">Uniq</span>
        <span>References</span>
        <span />
      </div>
      {Object.entries(columns).map(([col, c]) => (
        <div key={col} className="column-row">
          <KeyField recordPath={path} name={col} label="" testid={`column-${col}-name`} />
          <select
            className="input select input-small"
            value={c.type}
            aria-label={`Type of ${col}`}
            onChange={(e) => setKey([...path, col], 'type', e.target.value, 'Set column type')}
          >
            {COLUMN_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <input
            type="checkbox"
            className="checkbox"
            checked={c.primaryKey === true}
            aria-label={`${col} is the primary key`}
            onChange={(e) => setKey([...path, col], 'primaryKey', e.target.checked || undefined, 'Set primary key')}
          />
          <input
            type="checkbox"
            className="checkbox"
            checked={c.nullable !== false}
            aria-label={`${col} may be null`}
            onChange={(e) => setKey([...path, col], 'nullable', e.target.checked ? undefined : false, 'Set nullable')}
          />
          <input
            type="checkbox"
            className="checkbox"
            checked={c.unique === true}
            aria-label={`${col} is unique`}
            onChange={(e) => setKey([...path, col], 'unique', e.target.checked || undefined, 'Set unique')}
          />
          <input
            className="input input-small"
            value={c.references ?? ''}
            placeholder="table.column"
            aria-label={`${col} references`}
            onChange={(e) => setKey([...path, col], 'references', e.target.value || undefined, 'Set reference')}
          />
          <RemoveButton
            onClick={() => setKey(path, col, undefined, `Remove column ${col}`)}
            label={`Remove column ${col}`}
          />
        </div>
      ))}
      <AddButton
        label="Column"
        onClick={() => {
          let n = Object.keys(columns).length + 1;
          while (`column_${n}` in columns) n++;
          setKey(path, `column_${n}`, { type: 'string' }, 'Add column');
        }}
      />
    </div>
  );
}

function IndexesEditor({ path, indexes }: { path: Path; indexes: IndexSpec[] }) {
  return (
    <div className="sub-list">
      <div className="sub-list-title">Indexes</div>
      {indexes.map((ix, i) => (
        <div key={i} className="sub-row">
          <input
            className="input input-small"
            defaultValue={ix.columns.join(', ')}
            aria-label="Indexed columns"
            placeholder="column, column"
            onBlur={(e) => {
              const cols = e.target.value
                .split(',')
                .map((c) => c.trim())
                .filter(Boolean);
              if (cols.length) setKey([...path, i], 'columns', cols, 'Set index columns');
            }}
          />
          <label className="check-label">
            <input
              type="checkbox"
              className="checkbox"
              checked={ix.unique === true}
              onChange={(e) => setKey([...path, i], 'unique', e.target.checked || undefined, 'Set unique index')}
            />
            unique
          </label>
          <RemoveButton onClick={() => removeAt(path, i, 'Remove index')} label="Remove index" />
        </div>
      ))}
      <AddButton label="Index" onClick={() => push(path, { columns: ['id'] }, 'Add index')} />
    </div>
  );
}

export function MessagesEditor({ base }: { base: Path }) {
  const path = [...base, 'messages'];
  const messages = (usePathValue(path) as Record<string, MessageSpec> | undefined) ?? {};
  const schemas = useSchemaNames();
  return (
    <div className="list-editor" data-testid="messages">
      {Object.entries(messages).map(([name]) => (
        <div key={name} className="list-item">
          <div className="list-item-head">
            <span className="list-item-title">{name}</span>
            <RemoveButton
              onClick={() => setKey(path, name, undefined, `Remove message ${name}`)}
              label={`Remove message ${name}`}
            />
          </div>
          <Row>
            <KeyField recordPath={path} name={name} label="Name" testid={`message-${name}-name`} />
            <SelectField
              path={[...path, name, 'schema']}
              label="Schema"
              testid={`message-${name}-schema`}
              options={schemas}
            />
          </Row>
          <TextField path={[...path, name, 'key']} label="Key" testid={`message-${name}-key`} placeholder="id" />
        </div>
      ))}
      <AddButton
        label="Message"
        testid="add-message"
        onClick={() => {
          let n = Object.keys(messages).length + 1;
          while (`Message${n}` in messages) n++;
          setKey(path, `Message${n}`, {}, 'Add message');
        }}
      />
    </div>
  );
}

export function ConfigEditor({ base }: { base: Path }) {
  const path = [...base, 'config'];
  const config = (usePathValue(path) as Record<string, string | number | boolean> | undefined) ?? {};
  return (
    <div className="list-editor" data-testid="config">
      {Object.entries(config).map(([k, v]) => (
        <div key={k} className="sub-row">
          <KeyField recordPath={path} name={k} label="" testid={`config-${k}-key`} />
          <input
            className="input input-small"
            value={String(v)}
            aria-label={`Value of ${k}`}
            onChange={(e) =>
              studio.edit((m) => writePath(m as unknown as Record<string, unknown>, [...path, k], e.target.value), {
                label: 'Edit config',
                coalesce: `config:${k}`,
              })
            }
            spellCheck={false}
          />
          <RemoveButton onClick={() => setKey(path, k, undefined, `Remove ${k}`)} label={`Remove ${k}`} />
        </div>
      ))}
      <AddButton
        label="Variable"
        onClick={() => {
          let n = Object.keys(config).length + 1;
          while (`VAR_${n}` in config) n++;
          setKey(path, `VAR_${n}`, 'value', 'Add config');
        }}
      />
    </div>
  );
}

export { BoolField };
