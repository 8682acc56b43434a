// Agent nouns people use vs. the activity nouns of official NAF labels:
// "fabricants de meubles" must find "Fabrication de meubles de cuisine".
export const LABEL_MORPHOLOGY: Record<string, string[]> = {
  fabricant: ['fabrication'],
  fabriquant: ['fabrication'],
  manufacturer: ['fabrication'],
  maker: ['fabrication'],
  manufacturing: ['fabrication'],
  producteur: ['production', 'culture', 'elevage'],
  productrice: ['production'],
  producer: ['production'],
  grossiste: ['gros'],
  wholesaler: ['gros'],
  detaillant: ['detail'],
  retailer: ['detail'],
  loueur: ['location'],
  rental: ['location'],
  transporteur: ['transport'],
  installateur: ['installation'],
  reparateur: ['reparation'],
  repair: ['reparation'],
  eleveur: ['elevage'],
  cultivateur: ['culture'],
  editeur: ['edition'],
  publisher: ['edition'],
  distributeur: ['distribution', 'commerce'],
  constructeur: ['construction'],
  commercant: ['commerce'],
  negociant: ['commerce'],
  marchand: ['commerce'],
  vendeur: ['commerce'],
  importateur: ['commerce'],
  exploitant: ['exploitation'],
  transformateur: ['transformation'],
  organisateur: ['organisation'],
  gestionnaire: ['gestion'],
  conseiller: ['conseil'],
  enseignant: ['enseignement'],
  ecole: ['enseignement'],
  imprimeur: ['imprimerie'],
  assureur: ['assurance'],
};

/**
 * Agents whose activity differs from the trade their object names: "fabricants de fenêtres"
 * make windows (25.12Z), they do not fit them (43.32A). These are read against the NAF labels
 * before the lexicon sees the object.
 */
export const ACTIVITY_CHANGING_AGENTS = [
  'fabricant', 'fabriquant', 'manufacturer', 'maker', 'producteur', 'productrice', 'producer', 'grossiste',
  'wholesaler', 'distributeur', 'importateur', 'negociant', 'loueur', 'editeur', 'publisher', 'eleveur',
  'cultivateur', 'transformateur',
];
