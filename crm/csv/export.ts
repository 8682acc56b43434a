import { exportCompaniesPage } from '../../db/repositories/companies';
import { exportDealsPage } from '../../db/repositories/deals';
import { exportPeoplePage } from '../../db/repositories/people';
import { listStages } from '../../db/repositories/stages';
import type { CrmCtx } from '../context';
import { toCsvLine } from './parse';

// Exports open in French Excel as they are: BOM, `;`, dd/mm/yyyy, decimal comma.
const BOM = '\uFEFF';
const frDate = (d: Date | string | null) => (d ? new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(typeof d === 'string' ? new Date(d) : d) : '');
const frAmount = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

export type ExportEntity = 'companies' | 'people' | 'deals';

/** Streams the whole list in keyset pages, so a 100k-row export never sits in memory at once. */
export async function* exportCsv(ctx: CrmCtx, entity: ExportEntity, filter: { kind?: 'lead' | 'contact' } = {}): AsyncGenerator<string> {
  const stages = new Map((await listStages(ctx.db, ctx.workspaceId)).map((s) => [s.id, s.name]));
  const header: Record<ExportEntity, string[]> = {
    companies: ['Raison sociale', 'SIREN', 'SIRET', 'Code NAF', 'Activité', 'Adresse', 'Code postal', 'Ville', 'Site web', 'Source', 'Créée le'],
    people: ['Prénom', 'Nom', 'Fonction', 'E-mail', 'Téléphone', 'Type', 'Statut', 'Entreprise', 'Opposition', 'Créé le'],
    deals: ['Affaire', 'Montant (€)', 'Étape', 'Probabilité', 'Clôture prévue', 'Entreprise', 'Créée le'],
  };
  yield `${BOM + toCsvLine(header[entity])}\r\n`;
  let after: string | null = null;
  for (;;) {
    let lines: string[] = [];
    let last: string | null = null;
    if (entity === 'companies') {
      const rows = await exportCompaniesPage(ctx.db, ctx.workspaceId, { after, limit: 1000 });
      lines = rows.map((c) => toCsvLine([c.name, c.siren, c.siret, c.naf_code, c.naf_label, c.address, c.postcode, c.city, c.website, c.source, frDate(c.created_at)]));
      last = rows.at(-1)?.id ?? null;
    } else if (entity === 'people') {
      const rows = await exportPeoplePage(ctx.db, ctx.workspaceId, { kind: filter.kind, after, limit: 1000 });
      lines = rows.map((p) =>
        toCsvLine([
          p.first_name,
          p.last_name,
          p.role,
          p.email,
          p.phone,
          p.kind === 'lead' ? 'Prospect' : 'Contact',
          p.status,
          p.company_name,
          p.opted_out_at ? frDate(p.opted_out_at) : '',
          frDate(p.created_at),
        ]),
      );
      last = rows.at(-1)?.id ?? null;
    } else {
      const rows = await exportDealsPage(ctx.db, ctx.workspaceId, { after, limit: 1000 });
      lines = rows.map((d) =>
        toCsvLine([
          d.title,
          frAmount(d.amount_cents),
          stages.get(d.stage_id) ?? '',
          d.probability_override ?? '',
          d.expected_close_date ? frDate(d.expected_close_date) : '',
          d.company_name,
          frDate(d.created_at),
        ]),
      );
      last = rows.at(-1)?.id ?? null;
    }
    if (lines.length > 0) yield `${lines.join('\r\n')}\r\n`;
    if (lines.length < 1000 || !last) return;
    after = last;
  }
}
