/** Limits that keep hostile model files from exhausting memory or the stack. */

/** Model files up to 20 MiB are accepted (model-format.md section 7). */
export const MAX_MODEL_BYTES = 20 * 1024 * 1024;
/** Deepest nesting of mappings and lists; real models stay under 20. */
export const MAX_DEPTH = 64;
/** Alias expansion budget of the yaml library (see its `maxAliasCount`). */
export const MAX_ALIAS_COUNT = 100;

/** UTF-8 length of a string without allocating the encoded bytes. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function tooLargeMessage(bytes: number): string {
  return `file is ${(bytes / 1048576).toFixed(1)} MiB; model files are limited to ${MAX_MODEL_BYTES / 1048576} MiB`;
}
