import { RETENTION_PURGE_EVERY_MS, RETENTION_YEARS } from '../../actions/retention';
import type { Ui } from '../env';

// Settings › Données personnelles: what Relais keeps about people, for how long, and when the
// purge runs (CNIL); every member reads it, nothing to set.
export function PrivacySection({ ui }: { ui: Ui }) {
  const { t } = ui;
  const hours = Math.round(RETENTION_PURGE_EVERY_MS / 3_600_000);
  return (
    <section class="panel settings-section" id="privacy" aria-labelledby="privacy-h">
      <h2 id="privacy-h">{t('settings.privacy')}</h2>
      <p class="hint">{t('settings.privacy.help')}</p>
      <ul>
        <li data-retention>{t('settings.privacy.retention', { years: RETENTION_YEARS })}</li>
        <li>{t('settings.privacy.schedule', { hours })}</li>
        <li>{t('settings.privacy.kept')}</li>
        <li>{t('settings.privacy.contacts')}</li>
        <li>{t('settings.privacy.requests')}</li>
      </ul>
    </section>
  );
}
