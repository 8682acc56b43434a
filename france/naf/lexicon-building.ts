import { sector, RENOVATION_NAF, BUILDING_NAF, ENERGY_RENOVATION_NAF, type LexiconEntry } from './lexicon-types';

// Building and renovation trades: the core of Relais' users' prospecting.
export const BUILDING_LEXICON: LexiconEntry[] = [
  sector(['Rénovation', 'Renovation'], RENOVATION_NAF, [
    'rénovation', 'entreprise de rénovation', 'travaux de rénovation', 'rénovation de maison',
    'rénovation de logement', 'rénovation intérieure', "rénovation d'appartement", 'rénovateur',
    'réhabilitation', 'second œuvre', 'tous corps d état', 'TCE', 'entreprise de travaux',
    'multiservice bâtiment', 'aménagement intérieur', 'travaux du bâtiment', 'petits travaux',
  ], [
    'renovation', 'home renovation', 'renovation contractor', 'remodeling', 'remodelling',
    'remodeler', 'refurbishment', 'home improvement', 'renovator', 'refurbisher', 'fit out',
  ]),
  sector(['Bâtiment (BTP)', 'Building and construction'], BUILDING_NAF, [
    'bâtiment', 'BTP', 'construction', 'entreprise du bâtiment', 'entreprise de construction',
    'artisan du bâtiment', 'entreprise générale du bâtiment', 'entreprise générale de bâtiment',
    'entreprise générale', 'constructeur', 'bâtisseur',
  ], [
    'construction', 'building', 'construction company', 'building contractor', 'builder',
    'general contractor', 'construction contractor', 'construction firm', 'building trade', 'tradesman',
    'tradespeople',
  ]),
  sector(['Rénovation énergétique', 'Energy renovation'], ENERGY_RENOVATION_NAF, [
    'rénovation énergétique', 'travaux de rénovation énergétique', 'performance énergétique',
    'efficacité énergétique', 'entreprise RGE', 'artisan RGE', 'professionnel RGE', "économie d'énergie", 'transition énergétique',
    'rénovation thermique',
  ], [
    'energy renovation', 'energy renovation contractor', 'energy retrofit', 'energy efficiency', 'retrofit', 'retrofitting',
    'energy efficient renovation', 'green renovation',
  ]),
  sector(['Isolation', 'Insulation'], ['43.29A'], [
    'isolation', 'isolation thermique', 'isolation extérieure', 'isolation des combles',
    'ITE', 'isolateur', 'calorifugeur', 'isolation phonique',
  ], ['insulation', 'insulation contractor', 'insulation installer', 'insulator']),
  sector(['Plomberie', 'Plumbing'], ['43.22A'], [
    'plombier', 'plomberie', 'installateur sanitaire', 'sanitaire', 'dépannage plomberie',
  ], ['plumber', 'plumbing', 'plumbing contractor']),
  sector(['Plomberie-chauffage', 'Plumbing and heating'], ['43.22A', '43.22B'], [
    'plombier chauffagiste', 'plomberie chauffage', 'chauffagiste plombier', 'chauffage plomberie',
  ], ['plumbing and heating', 'plumber and heating engineer', 'heating and plumbing']),
  sector(['Chauffage et climatisation', 'Heating and air conditioning'], ['43.22B'], [
    'chauffagiste', 'chauffage', 'climatisation', 'climaticien', 'frigoriste', 'pompe à chaleur',
    'PAC', 'génie climatique', 'ventilation', 'CVC', 'installateur de chaudière', 'chaudière',
    'poêlier', 'installateur de poêle', 'fumiste',
  ], [
    'heating engineer', 'heating', 'HVAC', 'air conditioning', 'heat pump', 'heat pump installer',
    'heating contractor', 'boiler installer', 'AC installer', 'refrigeration engineer',
  ]),
  sector(['Électricité', 'Electrical work'], ['43.21A'], [
    'électricien', 'électricité', 'électricité générale', 'installateur électrique',
    'domotique', 'électricien du bâtiment', 'borne de recharge', 'domoticien', 'installateur de bornes',
  ], ['electrician', 'electrical contractor', 'electrical installer', 'electrical', 'home automation']),
  sector(['Photovoltaïque', 'Solar installation'], ['43.21A'], [
    'panneau solaire', 'photovoltaïque', 'installateur solaire', 'installateur photovoltaïque',
    'solaire', 'installateur de panneaux solaires',
  ], ['solar panel installer', 'solar installer', 'solar', 'photovoltaic', 'solar panel', 'solar company']),
  sector(['Couverture', 'Roofing'], ['43.91B'], [
    'couvreur', 'couverture', 'zingueur', 'couvreur zingueur', 'toiture', 'toiturier',
    'zinguerie', 'réfection de toiture',
  ], ['roofer', 'roofing', 'roofing contractor', 'roof repair', 'roofing company']),
  sector(['Charpente', 'Carpentry (framing)'], ['43.91A'], [
    'charpentier', 'charpente', 'charpentier couvreur', 'ossature bois',
  ], ['timber framer', 'framer', 'framing', 'roof framing', 'timber frame']),
  sector(['Charpente et menuiserie', 'Carpentry'], ['43.32A', '43.91A'], [], ['carpenter', 'carpentry']),
  sector(['Menuiserie', 'Joinery'], ['43.32A'], [
    'menuisier', 'menuiserie', 'menuiserie bois', 'menuiserie PVC', 'poseur de fenêtres',
    'fenêtre', 'porte et fenêtre', 'fenêtres et portes', 'poseur de menuiseries', 'volet',
  ], ['joiner', 'joinery', 'window installer', 'window fitter', 'door installer', 'windows and doors']),
  sector(['Serrurerie et métallerie', 'Locksmith and metalwork'], ['43.32B'], [
    'serrurier', 'serrurerie', 'métallier', 'serrurier métallier', 'menuiserie métallique',
    'ferronnier', 'ferronnerie', 'menuiserie aluminium', 'menuiserie alu', 'métallerie',
  ], ['locksmith', 'metalworker', 'metal work', 'ironwork', 'aluminium joinery']),
  sector(['Peinture et vitrerie', 'Painting and glazing'], ['43.34Z'], [
    'peintre', 'peintre en bâtiment', 'peinture', 'peinture en bâtiment', 'vitrier', 'vitrerie',
    'peintre décorateur', 'miroitier', 'miroiterie', 'peintre façadier',
  ], ['painter', 'house painter', 'painting contractor', 'painter and decorator', 'decorator', 'glazier', 'painting']),
  sector(['Façades', 'Facade work'], ['43.34Z', '43.99D'], [
    'façadier', 'ravalement', 'ravalement de façade', 'façade', 'ravaleur',
  ], ['facade', 'facade contractor', 'rendering']),
  sector(['Plâtrerie', 'Plastering'], ['43.31Z'], [
    'plâtrier', 'plaquiste', 'plâtrerie', 'staffeur', 'plâtrier plaquiste', 'cloison', 'placo',
  ], ['plasterer', 'plastering', 'drywall', 'drywall contractor', 'drywaller']),
  sector(['Revêtements de sols et murs', 'Flooring and tiling'], ['43.33Z'], [
    'carreleur', 'carrelage', 'revêtement de sol', 'parqueteur', 'parquet', 'solier',
    'moquettiste', 'faïence', 'sol souple', 'revêtement mural',
  ], ['tiler', 'tiling', 'flooring', 'floor layer', 'flooring contractor', 'floor fitter']),
  sector(['Maçonnerie', 'Masonry'], ['43.99C'], [
    'maçon', 'maçonnerie', 'gros œuvre', 'maçonnerie générale', 'maçon du bâtiment',
    'tailleur de pierre', 'maçonnerie pierre',
  ], ['mason', 'masonry', 'bricklayer', 'bricklaying', 'stonemason']),
  sector(['Étanchéité', 'Waterproofing'], ['43.99A'], [
    'étanchéité', 'étancheur', 'étanchéification',
  ], ['waterproofing', 'waterproofing contractor']),
  sector(['Travaux de finition', 'Finishing work'], ['43.39Z'], [
    'finition', 'travaux de finition',
  ], ['finishing', 'finishing work']),
  sector(['Agencement', 'Shop fitting'], ['43.32C'], [
    'agenceur', 'agencement', 'agencement de magasin', 'agencement de lieux de vente',
  ], ['shop fitter', 'shopfitting', 'shop fitting']),
  sector(['Démolition', 'Demolition'], ['43.11Z'], ['démolition', 'démolisseur', 'désamiantage', 'désamianteur'], [
    'demolition', 'demolition contractor', 'asbestos removal',
  ]),
  sector(['Terrassement', 'Earthworks'], ['43.12A'], ['terrassier', 'terrassement', 'VRD'], [
    'excavation', 'earthworks', 'earthmoving', 'groundworks',
  ]),
  sector(['Forage', 'Drilling'], ['43.13Z'], ['forage', 'foreur', 'puisatier'], ['well drilling', 'borehole']),
  sector(['Construction de maisons individuelles', 'Home building'], ['41.20A'], [
    'constructeur de maison', 'constructeur de maisons individuelles', 'maison individuelle',
    'CMI', 'construction de maison', 'maison neuve', 'maison ossature bois',
  ], ['home builder', 'house builder', 'homebuilder', 'custom home builder', 'new home']),
  sector(['Promotion immobilière', 'Property development'], ['41.10A', '41.10B', '41.10C'], [
    'promoteur immobilier', 'promotion immobilière', 'promoteur',
  ], ['property developer', 'real estate developer', 'property development']),
  sector(['Piscines', 'Swimming pools'], ['43.99D'], ['pisciniste', 'piscine', 'construction de piscine'], [
    'pool builder', 'swimming pool', 'pool installer', 'pool contractor',
  ]),
  sector(['Cuisinistes', 'Kitchen fitters'], ['43.32A', '47.59A'], [
    'cuisiniste', 'cuisine équipée', 'installateur de cuisine', 'salle de bain', 'bainiste',
  ], ['kitchen fitter', 'kitchen installer', 'kitchen designer', 'bathroom fitter']),
  sector(['Ascenseurs', 'Lifts and elevators'], ['43.29B'], ['ascensoriste', 'ascenseur'], [
    'elevator', 'lift installer', 'elevator company',
  ]),
  sector(['Ramonage', 'Chimney sweeping'], ['81.22Z'], ['ramoneur', 'ramonage'], ['chimney sweep']),
  sector(['Assainissement', 'Sewerage'], ['37.00Z'], ['assainissement', 'vidangeur', 'fosse septique'], [
    'septic tank', 'sewerage', 'drain cleaning',
  ]),
  sector(['Architecture', 'Architecture'], ['71.11Z'], [
    'architecte', "cabinet d'architecture", 'architecture', "agence d'architecture", 'architecte DPLG',
  ], ['architect', 'architecture firm', 'architectural firm', 'architecture practice', 'architecture']),
  sector(['Géomètres', 'Surveyors'], ['71.12A'], ['géomètre', 'géomètre expert', 'topographe'], [
    'surveyor', 'land surveyor', 'surveying',
  ]),
  sector(["Bureaux d'études", 'Engineering firms'], ['71.12B'], [
    "bureau d'études", "bureau d'étude", 'ingénierie', 'BET', 'ingénieur conseil',
    "bureau d'études techniques", 'maître d œuvre', "maîtrise d'œuvre",
  ], ['engineering firm', 'engineering consultancy', 'engineering', 'structural engineer', 'engineer']),
  sector(['Économistes de la construction', 'Quantity surveyors'], ['74.90A'], [
    'économiste de la construction', 'métreur',
  ], ['quantity surveyor', 'cost consultant']),
  sector(['Diagnostic immobilier', 'Property inspection'], ['71.20B'], [
    'diagnostiqueur', 'diagnostic immobilier', 'DPE', 'diagnostiqueur immobilier', 'bureau de contrôle',
    'contrôle technique du bâtiment',
  ], ['property inspector', 'home inspector', 'building inspector', 'energy assessor']),
];
