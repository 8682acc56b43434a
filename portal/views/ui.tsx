import type { Child } from 'hono/jsx';
import type { Ui } from '../env';

// Small building blocks shared by every page: headers, empty states, form fields with their
// inline error, pagination. Every control gets a visible label and an id its error points at.

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function PageHeader({ title, intro, actions }: { title: string; intro?: string; actions?: Child }) {
  return (
    <div class="page-head">
      <div>
        <h1>{title}</h1>
        {intro ? <p class="intro">{intro}</p> : null}
      </div>
      {actions ? <div class="actions">{actions}</div> : null}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: Child }) {
  return (
    <section class="empty" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function Flash({ text, kind = 'ok' }: { text: string | null | undefined; kind?: 'ok' | 'warn' | 'error' }) {
  if (!text) return null;
  return (
    <p class={`flash ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {text}
    </p>
  );
}

export function ErrorSummary({ ui, errors, form }: { ui: Ui; errors: FieldErrors; form?: string | null }) {
  const n = Object.keys(errors).length;
  if (n === 0 && !form) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} data-error-summary>
      {n > 0 ? <p>{ui.t('common.formErrors', { n })}</p> : null}
      {form ? <p>{form}</p> : null}
      {n > 0 ? (
        <ul>
          {Object.entries(errors).map(([name, msg]) => (
            <li>
              <a href={`#f-${name}`}>{msg}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type FieldBase = {
  name: string;
  label: string;
  values: FormValues;
  errors: FieldErrors;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
};

function describedBy(name: string, hint: string | undefined, error: string | undefined) {
  const ids = [hint ? `f-${name}-hint` : null, error ? `f-${name}-err` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldShell({ name, label, hint, error, required, children }: { name: string; label: string; hint?: string; error?: string; required?: boolean; children: Child }) {
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={`f-${name}`}>
        {label}
        {required ? (
          <span class="req" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {hint ? (
        <p class="hint" id={`f-${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p class="field-error" id={`f-${name}-err`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField(
  p: FieldBase & {
    type?: 'text' | 'email' | 'tel' | 'url' | 'date' | 'number' | 'time' | 'password';
    autocomplete?: string;
    placeholder?: string;
    inputmode?: 'decimal' | 'numeric' | 'text';
  },
) {
  const error = p.errors[p.name];
  return (
    <FieldShell name={p.name} label={p.label} hint={p.hint} error={error} required={p.required}>
      <input
        id={`f-${p.name}`}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.values[p.name] ?? ''}
        autocomplete={p.autocomplete ?? 'off'}
        placeholder={p.placeholder}
        inputmode={p.inputmode}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
        aria-required={p.required ? 'true' : undefined}
        disabled={p.disabled}
      />
    </FieldShell>
  );
}

export function TextArea(p: FieldBase & { rows?: number; placeholder?: string }) {
  const error = p.errors[p.name];
  return (
    <FieldShell name={p.name} label={p.label} hint={p.hint} error={error} required={p.required}>
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={p.rows ?? 4}
        placeholder={p.placeholder}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
        disabled={p.disabled}
      >
        {p.values[p.name] ?? ''}
      </textarea>
    </FieldShell>
  );
}

export type Option = { value: string; label: string };

export function SelectField(p: FieldBase & { options: Option[] }) {
  const error = p.errors[p.name];
  const current = p.values[p.name] ?? '';
  return (
    <FieldShell name={p.name} label={p.label} hint={p.hint} error={error} required={p.required}>
      <select id={`f-${p.name}`} name={p.name} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(p.name, p.hint, error)} disabled={p.disabled}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField(p: Omit<FieldBase, 'required'>) {
  const error = p.errors[p.name];
  return (
    <div class={`field check${error ? ' invalid' : ''}`}>
      <input
        id={`f-${p.name}`}
        type="checkbox"
        name={p.name}
        value="on"
        checked={p.values[p.name] === 'on'}
        disabled={p.disabled}
        aria-describedby={describedBy(p.name, p.hint, error)}
      />
      <label for={`f-${p.name}`}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`f-${p.name}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`f-${p.name}-err`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A list filter's buttons: apply, and (once something is filtered) back to the whole list. */
export function FilterActions({ ui, filtered, resetHref }: { ui: Ui; filtered: boolean; resetHref: string }) {
  return (
    <>
      <button type="submit">{ui.t('common.filter')}</button>
      {filtered ? (
        <a class="button quiet" href={resetHref}>
          {ui.t('common.reset')}
        </a>
      ) : null}
    </>
  );
}

/** Keyset pagination: forward with the cursor, or back to the first page. */
/** A form's closing row: its submit button, and "cancel" back to where the person came from. */
export function FormActions({ ui, label, cancelHref, kind = 'primary' }: { ui: Ui; label: string; cancelHref: string; kind?: 'primary' | 'danger' }) {
  return (
    <div class="form-actions">
      <button type="submit" class={kind}>
        {label}
      </button>
      <a class="button quiet" href={cancelHref}>
        {ui.t('common.cancel')}
      </a>
    </div>
  );
}

export function Pager({ ui, path, query, nextCursor }: { ui: Ui; path: string; query: Record<string, string | undefined>; nextCursor: string | null }) {
  const hadCursor = Boolean(query.cursor);
  if (!nextCursor && !hadCursor) return null;
  const build = (cursor: string | null) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v && k !== 'cursor') params.set(k, v);
    if (cursor) params.set('cursor', cursor);
    const s = params.toString();
    return s ? `${path}?${s}` : path;
  };
  return (
    <nav class="pager" aria-label={ui.t('common.pagination')}>
      {hadCursor ? <a href={build(null)}>{`« ${ui.t('common.first')}`}</a> : <span />}
      {nextCursor ? (
        <a href={build(nextCursor)} rel="next">
          {`${ui.t('common.next')} »`}
        </a>
      ) : null}
    </nav>
  );
}

export function DefinitionList({ items }: { items: [string, Child][] }) {
  return (
    <dl class="facts">
      {items.map(([k, v]) => (
        <div>
          <dt>{k}</dt>
          <dd>{v ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
