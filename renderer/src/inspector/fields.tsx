/**
 * Form fields bound to a path in the model. Each reads its own value through
 * a selector, writes through a command (typing in one field is one undo
 * step) and shows the validator's messages for its path beside it.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { readPath, setIn, type Path } from '../state/commands';
import { useStudio } from '../state/hooks';
import { studio, type Recipe } from '../state/store';
import { useFieldIssues } from './IssuesContext';

export function usePathValue(path: Path): unknown {
  return useStudio((s) => readPath(s.model, path));
}

export function write(path: Path, value: unknown, label = 'Edit'): void {
  studio.edit(setIn(path, value), { label, coalesce: `field:${path.join('.')}` });
}

interface FieldProps {
  path: Path;
  label: string;
  testid: string;
  hint?: string;
}

function FieldShell({
  label,
  hint,
  id,
  path,
  children,
  inline,
}: {
  label: string;
  hint?: string;
  id: string;
  path: Path;
  children: ReactNode;
  inline?: boolean;
}) {
  const issues = useFieldIssues(path);
  return (
    <div className={`field${issues ? ' has-error' : ''}${inline ? ' field-inline' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {issues ? (
        issues.map((m, i) => (
          <div key={i} className="field-error" role="alert" data-testid="field-error">
            {m}
          </div>
        ))
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}

export function TextField({
  path,
  label,
  testid,
  hint,
  placeholder,
  multiline,
}: FieldProps & { placeholder?: string; multiline?: boolean }) {
  const id = useId();
  const value = usePathValue(path);
  const text = value === undefined || value === null ? '' : String(value);
  const common = {
    id,
    className: multiline ? 'input textarea' : 'input',
    value: text,
    placeholder,
    'data-testid': testid,
    onBlur: () => studio.seal(),
    spellCheck: false,
  };
  return (
    <FieldShell label={label} hint={hint} id={id} path={path}>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => write(path, e.target.value)} />
      ) : (
        <input {...common} onChange={(e) => write(path, e.target.value)} />
      )}
    </FieldShell>
  );
}

/** Numbers keep the typed text while it is incomplete ("1.", "") and write once it parses. */
export function NumberField({
  path,
  label,
  testid,
  hint,
  placeholder,
  integer,
}: FieldProps & { placeholder?: string; integer?: boolean }) {
  const id = useId();
  const value = usePathValue(path);
  const modelText = typeof value === 'number' ? String(value) : '';
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => setDraft(null), [modelText]);
  return (
    <FieldShell label={label} hint={hint} id={id} path={path}>
      <input
        id={id}
        className="input input-number"
        inputMode={integer ? 'numeric' : 'decimal'}
        value={draft ?? modelText}
        placeholder={placeholder}
        data-testid={testid}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          if (t.trim() === '') write(path, undefined);
          else {
            const n = Number(t);
            if (Number.isFinite(n) && !/[.eE]$/.test(t.trim())) write(path, n);
          }
        }}
        onBlur={() => {
          setDraft(null);
          studio.seal();
        }}
      />
    </FieldShell>
  );
}

export function SelectField({
  path,
  label,
  testid,
  hint,
  options,
  empty = '—',
}: FieldProps & { options: readonly (string | { value: string; label: string })[]; empty?: string | null }) {
  const id = useId();
  const value = usePathValue(path);
  const v = value === undefined ? '' : String(value);
  const opts = options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  return (
    <FieldShell label={label} hint={hint} id={id} path={path}>
      <select
        id={id}
        className="input select"
        value={v}
        data-testid={testid}
        onChange={(e) => {
          write(path, e.target.value === '' ? undefined : e.target.value, `Set ${label.toLowerCase()}`);
          studio.seal();
        }}
      >
        {empty !== null ? <option value="">{empty}</option> : null}
        {v && !opts.some((o) => o.value === v) ? <option value={v}>{v}</option> : null}
        {opts.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A three-state switch: unset (default), on, off. Writing `false` is kept only when meaningful. */
export function BoolField({ path, label, testid, hint }: FieldProps) {
  const id = useId();
  const value = usePathValue(path);
  return (
    <FieldShell label={label} hint={hint} id={id} path={path} inline>
      <input
        id={id}
        type="checkbox"
        className="checkbox"
        checked={value === true}
        data-testid={testid}
        onChange={(e) => {
          write(path, e.target.checked ? true : undefined, `Set ${label.toLowerCase()}`);
          studio.seal();
        }}
      />
    </FieldShell>
  );
}

export function TagsField({ path, label, testid }: FieldProps) {
  const id = useId();
  const value = usePathValue(path);
  const modelText = Array.isArray(value) ? value.join(', ') : '';
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => setDraft(null), [modelText]);
  return (
    <FieldShell label={label} id={id} path={path} hint="Comma-separated">
      <input
        id={id}
        className="input"
        value={draft ?? modelText}
        data-testid={testid}
        onChange={(e) => {
          setDraft(e.target.value);
          const tags = e.target.value
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean);
          write(path, tags.length ? tags : undefined);
        }}
        onBlur={() => {
          setDraft(null);
          studio.seal();
        }}
      />
    </FieldShell>
  );
}

/** A record key (table name, message name) renamed in place, keeping the order of its siblings. */
export function KeyField({
  recordPath,
  name,
  label,
  testid,
}: {
  recordPath: Path;
  name: string;
  label: string;
  testid: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(name);
  useEffect(() => setDraft(name), [name]);
  const commit = () => {
    const next = draft.trim();
    if (!next || next === name) return setDraft(name);
    const rec = readPath(studio.model, recordPath) as Record<string, unknown> | undefined;
    if (!rec || next in rec) return setDraft(name);
    studio.edit(renameKey(recordPath, name, next), { label: `Rename ${name}` });
  };
  return (
    <FieldShell label={label} id={id} path={[...recordPath, name]}>
      <input
        id={id}
        className="input"
        value={draft}
        data-testid={testid}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        spellCheck={false}
      />
    </FieldShell>
  );
}

export const renameKey =
  (recordPath: Path, from: string, to: string): Recipe =>
  (m) => {
    const rec = readPath(m, recordPath) as Record<string, unknown> | undefined;
    if (!rec || !(from in rec) || to in rec) return;
    const entries = Object.entries(rec);
    for (const k of Object.keys(rec)) delete rec[k];
    for (const [k, v] of entries) rec[k === from ? to : k] = v;
  };

export function Section({
  title,
  children,
  defaultOpen = true,
  testid,
}: {
  title: string;
  children: ReactNode;
  defaultOpen?: boolean;
  testid?: string;
}) {
  return (
    <details className="section" open={defaultOpen} data-testid={testid}>
      <summary className="section-title">{title}</summary>
      <div className="section-body">{children}</div>
    </details>
  );
}

export function Row({ children }: { children: ReactNode }) {
  return <div className="field-grid">{children}</div>;
}
