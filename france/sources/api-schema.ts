import { z } from 'zod';

// The response of GET https://recherche-entreprises.api.gouv.fr/search, as far as Relais
// reads it. Unknown fields are ignored; every optional field may be absent or null.

const text = z.string().nullish();

export const ApiEtablissementSchema = z.object({
  siret: z.string(),
  est_siege: z.boolean().nullish(),
  adresse: text,
  numero_voie: text,
  type_voie: text,
  libelle_voie: text,
  code_postal: text,
  commune: text,
  libelle_commune: text,
  departement: text,
  region: text,
  activite_principale: text,
  etat_administratif: text,
  date_creation: text,
  date_fermeture: text,
  tranche_effectif_salarie: text,
  nom_commercial: text,
  liste_enseignes: z.array(z.string()).nullish(),
  statut_diffusion_etablissement: text,
});

export const ApiDirigeantSchema = z.object({
  type_dirigeant: text,
  nom: text,
  prenoms: text,
  qualite: text,
  denomination: text,
  siren: text,
  annee_de_naissance: text,
  nationalite: text,
});

/**
 * Contact details of the bundled FICTITIOUS directory. The real API has no such field; the
 * offline directory adds it so drafts have something to address (always `.example` domains).
 */
export const FictitiousContactSchema = z.object({
  site_internet: text,
  email: text,
});

export const ApiUniteLegaleSchema = z.object({
  siren: z.string(),
  nom_complet: text,
  nom_raison_sociale: text,
  sigle: text,
  activite_principale: text,
  section_activite_principale: text,
  nature_juridique: text,
  categorie_entreprise: text,
  tranche_effectif_salarie: text,
  date_creation: text,
  etat_administratif: text,
  statut_diffusion: text,
  nombre_etablissements: z.number().nullish(),
  nombre_etablissements_ouverts: z.number().nullish(),
  siege: ApiEtablissementSchema.nullish(),
  matching_etablissements: z.array(ApiEtablissementSchema).nullish(),
  dirigeants: z.array(ApiDirigeantSchema).nullish(),
  complements: z.object({ est_entrepreneur_individuel: z.boolean().nullish() }).nullish(),
  coordonnees_fictives: FictitiousContactSchema.nullish(),
});

export const ApiSearchResponseSchema = z.object({
  results: z.array(ApiUniteLegaleSchema),
  total_results: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  per_page: z.number().int().nonnegative(),
  total_pages: z.number().int().nonnegative(),
});

export const ApiErrorSchema = z.object({ erreur: z.string() });

export type ApiEtablissement = z.infer<typeof ApiEtablissementSchema>;
export type ApiDirigeant = z.infer<typeof ApiDirigeantSchema>;
export type ApiUniteLegale = z.infer<typeof ApiUniteLegaleSchema>;
export type ApiSearchResponse = z.infer<typeof ApiSearchResponseSchema>;
