import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { findWorkspace } from '../db/repositories/workspaces';
import type { Language } from '../lib/language';
import { notFound } from '../lib/errors';

/** The name a workspace has until its owner gives it one (Settings); never written in a letter. */
export const PLACEHOLDER_WORKSPACE_NAME = 'Mon entreprise';

/**
 * What the footer of a prospecting email still lacks before the law's "who sends this" (LCEN,
 * CPCE L34-5) is met: a legal name, which the first-start placeholder is not, and an address.
 */
export type SenderIdentityGap = 'legal_name' | 'placeholder' | 'address';

export function senderIdentityGap(w: { legalName: string; address: string }): SenderIdentityGap | null {
  const name = w.legalName.trim();
  if (!name) return 'legal_name';
  if (name.toLocaleLowerCase('fr') === PLACEHOLDER_WORKSPACE_NAME.toLocaleLowerCase('fr')) return 'placeholder';
  if (!w.address.trim()) return 'address';
  return null;
}

/** The workspace as its teammates write for it: identity, language and the owner's voice. */
export type WorkspaceProfile = {
  name: string;
  legalName: string;
  address: string;
  defaultLanguage: Language;
  tone: string | null;
  signature: string | null;
  offer: string | null;
  formality: 'vous' | 'tu';
};

export async function loadWorkspaceProfile(db: Kysely<Database>, workspaceId: string): Promise<WorkspaceProfile> {
  const w = await findWorkspace(db, workspaceId);
  if (!w) throw notFound('workspace');
  const voice = w.settings.voice ?? {};
  return {
    name: w.name,
    legalName: w.legal_name,
    address: w.address,
    defaultLanguage: w.default_language,
    tone: voice.tone ?? null,
    signature: voice.signature ?? null,
    offer: voice.offer ?? null,
    formality: voice.formality ?? 'vous',
  };
}
