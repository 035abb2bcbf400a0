/**
 * Identifier rules of format version 1. Ids become file names in exports, so
 * every exporter must go through these patterns; nothing else is trusted.
 */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;
/** Schema and message names may also use capitals (they become type names). */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
/** Table and column names (SQL identifiers before quoting). */
export const SQL_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/** Link ids: a plain id, or the default `from->to` / `from->to#N`. */
export const LINK_ID_PATTERN =
  /^[a-z0-9][a-z0-9._-]{0,62}(->[a-z0-9][a-z0-9._-]{0,62}(#[0-9]{1,6})?)?$/;

export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export function isName(value: string): boolean {
  return NAME_PATTERN.test(value);
}

/**
 * Returns the id unchanged when it is safe to use as one path segment of a
 * file name, otherwise throws. Exporters call this even though validation
 * already checked the id: defence in depth for files written to disk.
 */
export function safeFileStem(value: string): string {
  if (!(isId(value) || isName(value)) || value === '.' || value === '..') {
    throw new Error(`refusing unsafe file name: ${JSON.stringify(value)}`);
  }
  return value;
}
