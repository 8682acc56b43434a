import type { Ui } from '../env';
import { hasKey } from '../i18n';

// Labels for values stored in the database (stage keys, activity kinds, statuses): translated
// when the Portal knows them, shown as stored otherwise.
export function stageLabel(ui: Ui, stage: { key: string; name: string }): string {
  const k = `stage.${stage.key}`;
  return hasKey(k) ? ui.t(k) : stage.name;
}

export function stageKeyLabel(ui: Ui, key: string): string {
  const k = `stage.${key}`;
  return hasKey(k) ? ui.t(k) : key;
}

export function activityLabel(ui: Ui, kind: string): string {
  const k = `activity.${kind}`;
  return hasKey(k) ? ui.t(k) : ui.t('activity.other');
}

export function statusLabel(ui: Ui, status: string): string {
  const k = `people.status.${status}`;
  return hasKey(k) ? ui.t(k) : status;
}

export const PERSON_STATUSES = ['new', 'contacted', 'replied', 'qualified', 'disqualified'] as const;
