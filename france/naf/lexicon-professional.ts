import { sector, type LexiconEntry } from './lexicon-types';

// Property, accounting, legal, finance, IT, marketing and business services.
export const PROFESSIONAL_LEXICON: LexiconEntry[] = [
  sector(['Agences immobilières', 'Real estate agencies'], ['68.31Z'], [
    'agence immobilière', 'agent immobilier', 'agence immo', 'immo', 'immobilier',
    'conseiller immobilier', 'mandataire immobilier', 'négociateur immobilier',
    'transaction immobilière', 'agence de location', 'chasseur immobilier', 'agences immobilier',
  ], [
    'real estate agency', 'real estate agent', 'estate agent', 'estate agency', 'realtor', 'realty',
    'real estate', 'property agent', 'letting agent', 'letting agency', 'real estate broker',
    'real estate firm', 'realestate',
  ]),
  sector(['Syndics et administration de biens', 'Property management'], ['68.32A'], [
    'syndic', 'syndic de copropriété', 'administrateur de biens', 'administration de biens',
    'gestion locative', 'gestionnaire de biens', 'gérance', 'gérance immobilière',
    "administrateur d'immeubles", 'gestion immobilière', 'gestionnaire immobilier',
  ], [
    'property manager', 'property management', 'condominium manager', 'condo management',
    'building manager', 'hoa management', 'block management', 'property management company',
  ]),
  sector(['Marchands de biens', 'Property dealers'], ['68.10Z'], ['marchand de biens'], ['property dealer', 'property trader']),
  sector(['Expertise comptable', 'Accounting'], ['69.20Z'], [
    'expert comptable', 'comptable', 'cabinet comptable', "cabinet d'expertise comptable",
    'expertise comptable', 'comptabilité', 'commissaire aux comptes', 'CAC', 'audit comptable',
    'cabinet d audit', 'experts comptables', 'expert compta', 'compta',
  ], [
    'accountant', 'accounting firm', 'chartered accountant', 'CPA', 'accountancy', 'bookkeeper',
    'bookkeeping', 'auditor', 'accounting', 'accountancy firm', 'certified public accountant',
    'tax accountant', 'accounting practice',
  ]),
  sector(['Avocats', 'Lawyers'], ['69.10Z'], [
    'avocat', "cabinet d'avocats", 'juriste', 'conseil juridique', 'avocat d affaires',
  ], ['lawyer', 'attorney', 'law firm', 'solicitor', 'legal firm', 'legal services', 'barrister']),
  sector(['Notaires', 'Notaries'], ['69.10Z'], ['notaire', 'étude notariale', 'office notarial'], ['notary', 'notary public']),
  sector(['Commissaires de justice', 'Bailiffs'], ['69.10Z'], ['huissier', 'huissier de justice', 'commissaire de justice'], ['bailiff']),
  sector(['Conseil en gestion', 'Management consulting'], ['70.22Z'], [
    'cabinet de conseil', 'consultant', 'conseil en gestion', 'conseil en stratégie',
    'conseil aux entreprises', 'conseil en management', 'conseil en organisation', 'conseil',
    'coach d entreprise', 'business coach',
  ], [
    'consultant', 'consulting firm', 'consultancy', 'management consultant', 'business consultant',
    'management consulting', 'consulting', 'strategy consulting',
  ]),
  sector(['Recrutement', 'Recruitment'], ['78.10Z'], [
    'cabinet de recrutement', 'recrutement', 'chasseur de têtes', 'agence de recrutement',
  ], ['recruitment agency', 'recruiter', 'headhunter', 'recruitment firm', 'executive search']),
  sector(['Travail temporaire', 'Temp agencies'], ['78.20Z'], [
    'intérim', "agence d'intérim", 'travail temporaire', 'agence de travail temporaire',
  ], ['temp agency', 'staffing agency', 'temporary staffing', 'temping agency']),
  sector(['Assurance', 'Insurance'], ['66.22Z'], [
    'courtier en assurance', "agent d'assurance", 'assurance', 'agent général d assurance',
    'courtier d assurance',
  ], ['insurance broker', 'insurance agent', 'insurance agency', 'insurance', 'insurer']),
  sector(['Mutuelles et assureurs', 'Insurers'], ['65.12Z'], ['mutuelle', 'compagnie d assurance', 'mutuelle santé'], ['health insurer', 'insurance company', 'mutual insurer']),
  sector(['Banques', 'Banks'], ['64.19Z'], ['banque', 'agence bancaire'], ['bank', 'bank branch']),
  sector(['Courtiers en crédit et conseil en patrimoine', 'Credit brokers and wealth advisers'], ['66.19B'], [
    'courtier en crédit', 'courtier immobilier', 'courtier en prêt', 'IOBSP', 'conseiller en gestion de patrimoine',
    'CGP', 'gestion de patrimoine', 'courtier',
  ], ['mortgage broker', 'credit broker', 'loan broker', 'financial advisor', 'financial adviser', 'wealth manager', 'broker']),
  sector(['Holdings', 'Holding companies'], ['64.20Z'], ['holding', 'société holding'], ['holding company', 'holding']),
  sector(['Services informatiques', 'IT services'], ['62.02A', '62.01Z'], [
    'ESN', 'SSII', 'société de services informatiques', 'services informatiques', 'conseil informatique',
    'entreprise informatique', 'société informatique', 'intégrateur', 'prestataire informatique',
  ], ['IT services', 'IT company', 'IT consulting', 'IT consultancy', 'IT firm', 'systems integrator', 'IT provider']),
  sector(['Informatique', 'Information technology'], ['62.01Z', '62.02A', '62.02B', '62.03Z', '62.09Z'], [
    'informatique', 'numérique',
  ], ['information technology', 'tech company', 'tech']),
  sector(['Développement logiciel', 'Software development'], ['62.01Z'], [
    'développeur', 'développement web', 'développement logiciel', 'programmation', 'développeur web',
    'développement informatique', 'développement d application', 'studio de développement',
  ], ['developer', 'software developer', 'web developer', 'software development', 'app developer', 'dev shop', 'software house']),
  sector(['Agences web', 'Web agencies'], ['62.01Z', '73.11Z'], [
    'agence web', 'création de site internet', 'création de site web', 'agence digitale',
    'webdesigner', 'agence de création de site', 'site internet',
  ], ['web agency', 'web design agency', 'website design', 'web designer', 'digital agency', 'website builder']),
  sector(['Éditeurs de logiciels', 'Software publishers'], ['58.29A', '58.29B', '58.29C'], [
    'éditeur de logiciel', 'éditeur logiciel', 'SaaS', 'logiciel',
  ], ['software publisher', 'software company', 'SaaS', 'software vendor', 'software', 'saas company']),
  sector(['Infogérance et maintenance informatique', 'Managed IT services'], ['62.02B', '62.03Z'], [
    'infogérance', 'maintenance informatique', 'infogéreur',
  ], ['managed service provider', 'MSP', 'managed IT', 'IT support', 'IT maintenance']),
  sector(['Dépannage informatique', 'Computer repair'], ['95.11Z'], [
    'dépannage informatique', 'réparation d ordinateur', 'réparateur informatique',
  ], ['computer repair', 'pc repair', 'computer repair shop']),
  sector(['Hébergement informatique', 'Hosting and data'], ['63.11Z'], ['hébergeur', 'data center', 'hébergement web'], [
    'hosting', 'web hosting', 'data center', 'datacenter', 'hosting provider',
  ]),
  sector(['Communication', 'Communication agencies'], ['70.21Z', '73.11Z'], [
    'agence de communication', 'communication', 'relations presse', 'relations publiques', 'agence RP', 'agence de com',
  ], ['communication agency', 'communications agency', 'PR agency', 'public relations', 'PR firm']),
  sector(['Publicité et marketing', 'Advertising and marketing'], ['73.11Z'], [
    'agence de publicité', 'publicité', 'agence de pub', 'agence marketing', 'marketing digital', 'marketing',
    'agence SEO', 'référencement', 'agence de marketing', 'webmarketing', 'publicitaire',
  ], ['advertising agency', 'ad agency', 'marketing agency', 'digital marketing', 'SEO agency', 'marketing', 'advertising', 'SEO']),
  sector(['Études de marché', 'Market research'], ['73.20Z'], ['étude de marché', 'institut de sondage', 'sondage'], [
    'market research', 'polling', 'market research firm',
  ]),
  sector(['Design', 'Design'], ['74.10Z'], [
    'designer', 'graphiste', 'design', "architecte d'intérieur", "décorateur d'intérieur",
    'design graphique', 'studio de design', 'décoration intérieure',
  ], ['designer', 'graphic designer', 'interior designer', 'design studio', 'graphic design', 'interior design']),
  sector(['Photographes', 'Photographers'], ['74.20Z'], ['photographe', 'studio photo', 'photographie'], [
    'photographer', 'photography studio', 'photo studio', 'photography',
  ]),
  sector(['Traduction', 'Translation'], ['74.30Z'], ['traducteur', 'interprète', 'traduction', 'agence de traduction'], [
    'translator', 'translation agency', 'interpreter', 'translation',
  ]),
  sector(['Imprimeries', 'Printing'], ['18.12Z'], ['imprimerie', 'imprimeur', 'reprographie'], [
    'printing company', 'print shop', 'printer', 'printing',
  ]),
  sector(['Centres d’appels', 'Call centres'], ['82.20Z'], ["centre d'appels", 'centre d appel', 'télémarketing'], [
    'call center', 'call centre', 'telemarketing',
  ]),
  sector(['Événementiel', 'Events'], ['82.30Z'], [
    'événementiel', 'agence événementielle', "organisateur d'événements", 'organisation de salons',
  ], ['event agency', 'event planner', 'event organizer', 'events company', 'event management']),
  sector(['Sécurité privée', 'Security services'], ['80.10Z'], [
    'sécurité privée', 'agent de sécurité', 'gardiennage', 'société de sécurité', 'surveillance',
  ], ['security company', 'security guard', 'security services', 'guarding']),
  sector(['Systèmes de sécurité', 'Alarm systems'], ['80.20Z'], [
    'alarme', 'télésurveillance', 'vidéosurveillance', 'installateur d alarme',
  ], ['alarm installer', 'alarm company', 'cctv', 'security systems']),
  sector(['Domiciliation et services administratifs', 'Business support'], ['82.11Z', '82.99Z'], [
    'domiciliation', 'secrétariat', 'assistante indépendante', 'télésecrétariat',
  ], ['virtual assistant', 'business support', 'secretarial services']),
];
