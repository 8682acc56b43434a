// Prompt templates are data: versioned, per role and language. Agent code fills slots; it
// never carries prompt text of its own.
export type PromptRole = 'drafter' | 'reviewer' | 'supervisor' | 'ask';

export type PromptTemplate = {
  /** role.lang@version, recorded with every model call's run */
  id: string;
  system: string;
  /** user-message framing pieces, filled by fill() */
  parts: Record<string, string>;
};

/** `{slot}` substitution; a missing slot is an error, not a silent blank. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`prompt slot {${key}} has no value`);
    return String(v);
  });
}
