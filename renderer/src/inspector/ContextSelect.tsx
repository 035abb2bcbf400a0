/** Choosing a node's bounded context, or creating one on the spot. */
import { useId } from 'react';
import { addContext, uniqueId, writePath, type Path } from '../state/commands';
import { useStudio } from '../state/hooks';
import { studio } from '../state/store';
import { useFieldIssues } from './IssuesContext';
import { usePathValue, write } from './fields';

const NEW = '\u0000new';

export function ContextSelect({ path }: { path: Path }) {
  const id = useId();
  const value = usePathValue(path) as string | undefined;
  const contexts = useStudio(
    (s) => Object.entries(s.model?.contexts ?? {}).map(([cid, c]) => [cid, c.name ?? cid] as const),
    (a, b) => a.length === b.length && a.every((x, i) => x[0] === b[i]![0] && x[1] === b[i]![1]),
  );
  const issues = useFieldIssues(path);
  return (
    <div className={`field${issues ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>
        Context
      </label>
      <select
        id={id}
        className="input select"
        value={value ?? ''}
        data-testid="inspector-context"
        onChange={(e) => {
          const v = e.target.value;
          if (v === NEW) {
            const name = prompt('Name of the new bounded context')?.trim();
            if (!name) return;
            const cid = uniqueId(name, (x) => x in (studio.model.contexts ?? {}));
            studio.edit(
              (m) => {
                addContext(cid, name)(m);
                writePath(m as unknown as Record<string, unknown>, path, cid);
              },
              { label: 'New context' },
            );
            return;
          }
          write(path, v || undefined, 'Set context');
          studio.seal();
        }}
      >
        <option value="">(no context)</option>
        {value && !contexts.some(([c]) => c === value) ? <option value={value}>{value}</option> : null}
        {contexts.map(([c, name]) => (
          <option key={c} value={c}>
            {name}
          </option>
        ))}
        <option value={NEW}>New context…</option>
      </select>
      {issues?.map((m, i) => (
        <div key={i} className="field-error" role="alert">
          {m}
        </div>
      ))}
    </div>
  );
}
