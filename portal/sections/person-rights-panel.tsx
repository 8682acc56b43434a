import type { Person } from '../../db/schema';
import type { Ui } from '../env';

// The "Données personnelles" panel of a person's page (portal/sections/person-rights.tsx has its pages).

/** The panel of the person page: export links, then "Ne plus contacter" and (admins) "Effacer les données". */
export function PersonRightsPanel({ ui, person: p, admin }: { ui: Ui; person: Person; admin: boolean }) {
  const { t } = ui;
  return (
    <section class="panel person-rights" aria-labelledby="rights-h">
      <h2 id="rights-h">{t('people.rights.title')}</h2>
      <p class="hint">{t('people.rights.exportHelp')}</p>
      <p class="row">
        <a class="button" href={`/people/${p.id}/export?format=json`} download>
          {t('people.rights.exportJson')}
        </a>{' '}
        <a class="button" href={`/people/${p.id}/export?format=csv`} download>
          {t('people.rights.exportCsv')}
        </a>
      </p>
      <p class="row">
        {p.opted_out_at ? null : (
          <a class="button" href={`/people/${p.id}/opt-out`} data-action="opt-out">
            {t('people.optOut.action')}
          </a>
        )}{' '}
        {admin ? (
          <a class="button danger" href={`/people/${p.id}/erase`} data-action="erase">
            {t('people.erase.action')}
          </a>
        ) : (
          <span class="muted small">{t('people.erase.adminOnly')}</span>
        )}
      </p>
    </section>
  );
}
