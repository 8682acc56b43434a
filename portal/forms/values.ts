// Reading an HTML form: every value a trimmed string; files and repeated keys handled explicitly.
export type RawForm = Record<string, string | File | (string | File)[]>;

export function formStrings(body: RawForm): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    const first = Array.isArray(v) ? v[0] : v;
    // browsers send textarea line breaks as CRLF: store and compare them as plain \n
    if (typeof first === 'string') out[k] = first.replace(/\r\n?/g, '\n').trim();
  }
  return out;
}

export function formList(body: RawForm, key: string): string[] {
  const v = body[key];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string');
}

/** '' → undefined (create: leave the default) */
export const orUndefined = (s: string | undefined) => (s ? s : undefined);
/** '' → null (update: clear the field) */
export const orNull = (s: string | undefined) => (s ? s : null);
