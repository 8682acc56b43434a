import type { ZodError } from 'zod';
import { AppError } from '../../lib/errors';
import type { MessageKey, Translate } from '../i18n';
import type { FieldErrors } from '../views/ui';

// zod and domain errors → one message per form field, in the viewer's language. The shared
// schemas speak English to API clients; the Portal says the same thing in words for people.
const BY_FIELD: Partial<Record<string, MessageKey>> = {
  email: 'err.email',
  fromEmail: 'err.email',
  phone: 'err.phone',
  siren: 'err.siren',
  siret: 'err.siret',
  nafCode: 'err.nafCode',
  postcode: 'err.postcode',
  website: 'err.url',
  amountCents: 'err.amount',
  amount: 'err.amount',
  expectedCloseDate: 'err.date',
  probabilityOverride: 'err.probability',
  vatNumber: 'err.vatNumber',
  start: 'err.time',
  end: 'err.time',
  days: 'err.days',
  dailyCap: 'err.dailyCap',
  pendingExpiryDays: 'err.expiryDays',
  stage: 'err.stage',
  port: 'err.port',
  host: 'err.host',
  expiresAt: 'err.expiresAt',
};

/** Form field names differ from schema paths in a few places. */
const FIELD_ALIAS: Record<string, string> = { amountCents: 'amount' };

type Issue = ZodError['issues'][number];

function keyFor(issue: Issue, field: string): MessageKey {
  if (issue.message === 'a name or an email is required') return 'err.nameOrEmail';
  if (issue.message === 'must start with the SIREN') return 'err.siretSiren';
  if (issue.code === 'too_big' && issue.origin === 'string') return 'err.tooLong';
  if (issue.code === 'too_small' && issue.origin === 'string') return 'err.required';
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'err.required';
  return BY_FIELD[field] ?? 'err.invalid';
}

export function zodFieldErrors(error: ZodError, t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const last = issue.path.length ? String(issue.path[issue.path.length - 1]) : '_form';
    const field = FIELD_ALIAS[last] ?? last;
    out[field] ??= t(keyFor(issue, last));
  }
  return out;
}

/** A domain refusal (unknown stage, foreign company id, stale version) as field or form errors. */
export function domainErrors(err: unknown, t: Translate): { fields: FieldErrors; form: string | null } | null {
  if (!(err instanceof AppError)) return null;
  if (err.code === 'conflict') {
    const field = (err.details as { field?: string } | null)?.field;
    if (field) return { fields: { [field]: t(field === 'siret' ? 'err.siret' : 'err.invalid') }, form: null };
    return { fields: {}, form: t('error.conflict') };
  }
  if (err.code === 'validation_failed') {
    const list = (err.details as { fields?: { path: string }[] } | null)?.fields ?? [];
    const fields: FieldErrors = {};
    for (const f of list) fields[FIELD_ALIAS[f.path] ?? f.path] = t(BY_FIELD[f.path] ?? 'err.invalid');
    return { fields, form: null };
  }
  if (err.code === 'not_found') {
    // a reference to a record outside the workspace (company, person) inside a form
    const what = /^(company|person)/.exec(err.message)?.[1];
    if (what) return { fields: { [what === 'company' ? 'companyId' : 'personId']: t('err.notInWorkspace') }, form: null };
  }
  return null;
}
