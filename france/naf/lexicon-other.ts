import { sector, type LexiconEntry } from './lexicon-types';

// Transport, education, cleaning and outdoor services, farming, leisure, associations.
export const OTHER_LEXICON: LexiconEntry[] = [
  sector(['Taxis et VTC', 'Taxis'], ['49.32Z'], ['taxi', 'VTC', 'chauffeur VTC', 'chauffeur de taxi'], [
    'taxi', 'cab', 'taxi company', 'chauffeur', 'ride hailing', 'private hire',
  ]),
  sector(['Transport routier de marchandises', 'Road haulage'], ['49.41A', '49.41B'], [
    'transporteur', 'transport routier', 'transport de marchandises', 'transport', 'transporteur routier',
  ], ['trucking', 'haulier', 'haulage', 'freight transport', 'trucking company', 'freight', 'transport company']),
  sector(['Coursiers et livraison', 'Couriers and delivery'], ['53.20Z'], [
    'coursier', 'livraison', 'livreur', 'messagerie express', 'course urbaine', 'livraison de colis',
  ], ['courier', 'delivery company', 'parcel delivery', 'last mile delivery', 'delivery']),
  sector(['Dépannage et remorquage', 'Towing'], ['52.21Z'], ['dépanneur', 'remorquage', 'dépannage automobile', 'fourrière'], [
    'towing', 'tow truck', 'breakdown recovery',
  ]),
  sector(['Toilettage et garde d’animaux', 'Pet grooming and sitting'], ['96.09Z'], ['toiletteur', 'toilettage', 'pet sitter', 'garde d animaux', 'pension pour chiens', 'éducateur canin'], [
    'dog groomer', 'pet groomer', 'pet sitter', 'dog walker', 'dog trainer',
  ]),
  sector(['Discothèques', 'Nightclubs'], ['56.30Z'], ['discothèque', 'boîte de nuit', 'club de nuit'], ['nightclub', 'night club']),
  sector(['Cinémas', 'Cinemas'], ['59.14Z'], ['cinéma', 'salle de cinéma'], ['cinema', 'movie theater', 'movie theatre']),
  sector(['Salles de spectacle', 'Concert venues'], ['90.04Z'], ['salle de spectacle', 'salle de concert', 'théâtre'], ['concert venue', 'theatre', 'theater']),
  sector(['Logistique', 'Logistics'], ['52.10B', '52.29A', '52.29B'], ['logistique', 'entreposage', 'logisticien', 'stockage', 'entrepôt'], [
    'logistics', 'warehousing', 'logistics company', 'freight forwarder', 'warehouse',
  ]),
  sector(['Déménagement', 'Removals'], ['49.42Z'], ['déménageur', 'déménagement'], ['mover', 'moving company', 'removals', 'removal company', 'removalist']),
  sector(['Transport de voyageurs', 'Coach operators'], ['49.39B'], ['autocariste', 'transport de voyageurs', 'autocar'], ['coach operator', 'bus company', 'coach company']),
  sector(['Location de voitures', 'Car rental'], ['77.11A', '77.11B'], ['location de voiture', 'loueur de voitures', 'location de véhicule', 'loueur'], [
    'car rental', 'car hire', 'vehicle rental', 'rental car',
  ]),
  sector(['Location de matériel', 'Equipment rental'], ['77.32Z', '77.39Z'], ['location de matériel', 'loueur de matériel', 'location d engins'], [
    'equipment rental', 'equipment hire', 'plant hire', 'tool hire',
  ]),
  sector(['Auto-écoles', 'Driving schools'], ['85.53Z'], ['auto école', 'école de conduite', 'moto école', 'bateau école'], [
    'driving school', 'driving instructor',
  ]),
  sector(['Organismes de formation', 'Training providers'], ['85.59A'], [
    'organisme de formation', 'formation professionnelle', 'centre de formation', 'formation continue',
    'formateur', 'formation', 'école de commerce', 'qualiopi',
  ], ['training provider', 'training company', 'training center', 'training centre', 'trainer', 'corporate training', 'training']),
  sector(['Enseignement (soutien, langues)', 'Tutoring and language schools'], ['85.59B'], [
    'soutien scolaire', 'cours particulier', 'école de langue', 'cours de langue', 'cours du soir',
  ], ['tutoring', 'tutor', 'language school', 'tutoring center']),
  sector(['Enseignement culturel', 'Arts schools'], ['85.52Z'], ['école de musique', 'école de danse', 'cours de musique', 'conservatoire', 'cours de théâtre', 'école de dessin'], [
    'music school', 'dance school', 'music teacher', 'art school', 'dance studio',
  ]),
  sector(['Coachs sportifs', 'Sports coaching'], ['85.51Z'], ['coach sportif', 'professeur de yoga', 'moniteur de ski', 'école de ski', 'école de surf', 'cours de yoga', 'yoga'], [
    'personal trainer', 'yoga teacher', 'ski school', 'surf school', 'yoga studio', 'fitness coach',
  ]),
  sector(['Salles de sport', 'Gyms'], ['93.13Z'], [
    'salle de sport', 'salle de fitness', 'club de fitness', 'centre de fitness', 'musculation',
    'crossfit', 'fitness', 'salle de musculation',
  ], ['gym', 'fitness center', 'fitness centre', 'fitness club', 'health club', 'fitness studio']),
  sector(['Clubs de sport', 'Sports clubs'], ['93.12Z'], ['club de sport', 'club sportif', 'club de foot', 'club de tennis', 'club de golf'], [
    'sports club', 'football club', 'tennis club', 'golf club',
  ]),
  sector(['Loisirs', 'Leisure'], ['93.29Z'], ['escape game', 'loisirs', 'centre de loisirs', 'bowling', 'laser game', 'parc de loisirs'], [
    'escape room', 'leisure', 'bowling alley', 'leisure center', 'amusement',
  ]),
  sector(['Agences de voyage', 'Travel agencies'], ['79.11Z'], ['agence de voyage', 'agent de voyage', 'agence de voyages'], [
    'travel agency', 'travel agent',
  ]),
  sector(['Voyagistes', 'Tour operators'], ['79.12Z'], ['tour opérateur', 'voyagiste', 'tour operator'], ['tour operator', 'tour company']),
  sector(['Nettoyage', 'Cleaning'], ['81.21Z', '81.22Z'], [
    'nettoyage', 'entreprise de nettoyage', 'propreté', 'société de nettoyage', 'ménage', 'nettoyage de bureaux',
    'laveur de vitres', 'nettoyage industriel', 'agent d entretien', 'entretien de locaux',
  ], ['cleaning company', 'cleaning services', 'janitorial', 'cleaner', 'commercial cleaning', 'office cleaning', 'window cleaner', 'cleaning', 'janitor']),
  sector(['Paysagistes', 'Landscaping'], ['81.30Z'], [
    'paysagiste', 'jardinier', 'espaces verts', 'entretien de jardin', 'élagueur', 'élagage',
    'jardinier paysagiste', 'aménagement paysager', 'jardinage', 'entretien d espaces verts',
  ], ['landscaper', 'landscaping', 'gardener', 'gardening services', 'tree surgeon', 'landscape contractor', 'lawn care', 'gardening']),
  sector(['Dératisation et désinsectisation', 'Pest control'], ['81.29A'], ['dératisation', 'désinsectisation', 'nuisibles', 'désinfection', 'dératiseur'], [
    'pest control', 'exterminator',
  ]),
  sector(['Viticulture', 'Winegrowing'], ['01.21Z'], ['viticulteur', 'vigneron', 'domaine viticole', 'viticulture', 'vignoble', 'exploitation viticole', 'château viticole'], [
    'winegrower', 'wine grower', 'vineyard', 'winemaker', 'wine estate',
  ]),
  sector(['Vinification', 'Wineries'], ['11.02B'], ['cave coopérative', 'vinification', 'négociant en vin'], ['winery', 'wine producer']),
  sector(['Brasseries artisanales', 'Breweries'], ['11.05Z'], ['brasseur', 'microbrasserie', 'brasserie artisanale', 'fabrication de bière'], ['brewery', 'craft brewery', 'microbrewery', 'brewer']),
  sector(['Maraîchage', 'Market gardening'], ['01.13Z'], ['maraîcher', 'maraîchage'], ['market gardener', 'vegetable grower']),
  sector(['Agriculture', 'Farming'], ['01.11Z', '01.50Z'], ['agriculteur', 'exploitation agricole', 'exploitant agricole', 'agriculture', 'céréalier'], [
    'farmer', 'farm', 'agriculture', 'arable farm',
  ]),
  sector(['Élevage', 'Livestock farming'], ['01.41Z', '01.42Z', '01.45Z', '01.46Z', '01.47Z'], ['éleveur', 'élevage'], [
    'livestock farmer', 'cattle farmer', 'breeder', 'livestock farm',
  ]),
  sector(['Horticulture et pépinières', 'Horticulture'], ['01.30Z'], ['horticulteur', 'pépiniériste', 'pépinière', 'horticulture'], ['nursery grower', 'horticulture', 'plant nursery']),
  sector(['Apiculture', 'Beekeeping'], ['01.49Z'], ['apiculteur', 'apiculture'], ['beekeeper', 'beekeeping']),
  sector(['Centres équestres', 'Equestrian centres'], ['93.19Z'], ['centre équestre', 'club hippique', 'écurie'], ['riding school', 'equestrian center', 'riding stable']),
  sector(['Ébénisterie', 'Cabinet making'], ['31.09B'], ['ébéniste', 'ébénisterie', 'tapissier'], ['cabinetmaker', 'cabinet maker', 'furniture maker', 'upholsterer']),
  sector(['Associations', 'Non-profits'], ['94.99Z'], ['association', 'association loi 1901'], ['nonprofit', 'non profit', 'charity', 'association', 'ngo']),
  sector(['Spectacle vivant', 'Performing arts'], ['90.01Z', '90.02Z'], ['compagnie de théâtre', 'spectacle vivant', 'troupe', 'production de spectacles'], [
    'theatre company', 'theater company', 'performing arts',
  ]),
  sector(['Production audiovisuelle', 'Video production'], ['59.11A', '59.11B', '59.11C'], ['production audiovisuelle', 'production vidéo', 'vidéaste', 'boîte de prod', 'société de production'], [
    'video production', 'production company', 'film production', 'videographer',
  ]),
  sector(['Studios d’enregistrement', 'Recording studios'], ['59.20Z'], ["studio d'enregistrement", 'label de musique', 'label musical'], ['recording studio', 'record label']),
  sector(['Gestion des déchets', 'Waste management'], ['38.11Z', '38.32Z'], ['gestion des déchets', 'collecte des déchets', 'recyclage', 'déchetterie'], [
    'waste management', 'waste collection', 'recycling',
  ]),
];
