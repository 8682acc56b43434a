import { sector, type LexiconEntry } from './lexicon-types';

// Health professions and personal services (beauty, wellbeing, funeral, laundry…).
export const HEALTH_PERSONAL_LEXICON: LexiconEntry[] = [
  sector(['Médecins généralistes', 'General practitioners'], ['86.21Z'], [
    'médecin', 'médecin généraliste', 'généraliste', 'cabinet médical', 'docteur', 'maison de santé',
  ], ['doctor', 'GP', 'general practitioner', 'physician', 'medical practice', 'family doctor']),
  sector(['Médecins spécialistes', 'Medical specialists'], ['86.22C'], [
    'médecin spécialiste', 'dermatologue', 'cardiologue', 'ophtalmologue', 'ophtalmo',
    'pédiatre', 'gynécologue', 'psychiatre', 'rhumatologue', 'gastro entérologue', 'pneumologue',
    'neurologue', 'endocrinologue', 'ORL', 'allergologue', 'urologue',
  ], [
    'medical specialist', 'dermatologist', 'cardiologist', 'ophthalmologist',
    'pediatrician', 'paediatrician', 'gynecologist', 'psychiatrist', 'neurologist',
  ]),
  sector(['Radiologie', 'Radiology'], ['86.22A'], ['radiologue', 'radiologie', 'cabinet de radiologie', 'imagerie médicale'], [
    'radiologist', 'radiology', 'imaging center',
  ]),
  sector(['Chirurgiens', 'Surgeons'], ['86.22B'], ['chirurgien', 'chirurgie', 'chirurgie esthétique'], ['surgeon', 'surgery', 'plastic surgeon']),
  sector(['Dentistes', 'Dentists'], ['86.23Z'], [
    'dentiste', 'chirurgien dentiste', 'cabinet dentaire', 'orthodontiste', 'dentaire', 'centre dentaire',
    'pratique dentaire', 'stomatologue',
  ], ['dentist', 'dental practice', 'dental clinic', 'orthodontist', 'dental surgery', 'dental office', 'dental']),
  sector(['Prothésistes dentaires', 'Dental technicians'], ['32.50A'], ['prothésiste dentaire', 'laboratoire de prothèse dentaire'], [
    'dental technician', 'dental laboratory', 'dental lab',
  ]),
  sector(['Rééducation (kinés, podologues…)', 'Physiotherapy and rehabilitation'], ['86.90E'], [
    'kiné', 'kinésithérapeute', 'masseur kinésithérapeute', 'kinésithérapie', 'podologue', 'pédicure',
    'pédicure podologue', 'orthophoniste', 'ergothérapeute', 'orthoptiste', 'psychomotricien',
    'cabinet de kinésithérapie', 'kinés',
  ], ['physiotherapist', 'physical therapist', 'physio', 'podiatrist', 'chiropodist', 'speech therapist', 'occupational therapist', 'physiotherapy']),
  sector(['Infirmiers et sages-femmes', 'Nurses and midwives'], ['86.90D'], [
    'infirmier', 'infirmière', 'sage femme', 'cabinet infirmier', 'cabinet d infirmiers', 'IDEL',
  ], ['nurse', 'midwife', 'nursing practice', 'home nurse']),
  sector(['Autres praticiens de santé', 'Other health practitioners'], ['86.90F'], [
    'ostéopathe', 'psychologue', 'psychothérapeute', 'naturopathe', 'sophrologue', 'chiropracteur',
    'diététicien', 'diététicienne', 'nutritionniste', 'hypnothérapeute', 'acupuncteur', 'ostéo',
    'étiopathe', 'psy',
  ], ['osteopath', 'psychologist', 'chiropractor', 'therapist', 'psychotherapist', 'naturopath', 'dietitian', 'nutritionist', 'acupuncturist']),
  sector(['Laboratoires d’analyses', 'Medical laboratories'], ['86.90B'], [
    "laboratoire d'analyses", "laboratoire d'analyses médicales", 'labo d analyses', 'biologie médicale',
  ], ['medical laboratory', 'medical lab', 'pathology lab', 'diagnostic laboratory']),
  sector(['Ambulances', 'Ambulances'], ['86.90A'], ['ambulance', 'ambulancier', 'transport sanitaire'], ['ambulance', 'ambulance service', 'medical transport']),
  sector(['Cliniques', 'Clinics and hospitals'], ['86.10Z'], ['clinique', 'hôpital', 'centre hospitalier', 'polyclinique'], ['clinic', 'hospital', 'private hospital']),
  sector(['Pharmacies', 'Pharmacies'], ['47.73Z'], ['pharmacie', 'pharmacien', 'officine', 'parapharmacie'], [
    'pharmacy', 'pharmacist', 'chemist', 'drugstore', 'drug store',
  ]),
  sector(['Opticiens', 'Opticians'], ['47.78A'], ['opticien', 'optique', 'lunetier', 'magasin d optique', 'opticien lunetier'], [
    'optician', 'optometrist', 'eyewear store', 'optical store',
  ]),
  sector(['Audioprothésistes et matériel médical', 'Hearing aids and medical supplies'], ['47.74Z'], [
    'audioprothésiste', 'matériel médical', 'orthopédiste', 'centre auditif',
  ], ['hearing aid', 'audiologist', 'medical supplies', 'medical equipment store']),
  sector(['Vétérinaires', 'Veterinarians'], ['75.00Z'], ['vétérinaire', 'clinique vétérinaire', 'cabinet vétérinaire', 'véto'], [
    'vet', 'veterinarian', 'veterinary clinic', 'veterinary', 'animal hospital', 'veterinary practice',
  ]),
  sector(['EHPAD et maisons de retraite', 'Nursing homes'], ['87.10A'], ['EHPAD', 'maison de retraite', 'résidence senior'], [
    'nursing home', 'care home', 'retirement home', 'elderly care home',
  ]),
  sector(['Aide à domicile', 'Home care'], ['88.10A'], [
    'aide à domicile', 'services à la personne', 'auxiliaire de vie', 'aide ménagère', 'SAAD',
  ], ['home care', 'home help', 'caregiver', 'home care agency', 'personal care services']),
  sector(['Crèches', 'Childcare'], ['88.91A'], [
    'crèche', 'micro crèche', "garde d'enfants", 'halte garderie', 'assistante maternelle', 'garderie',
    'accueil de jeunes enfants',
  ], ['nursery', 'daycare', 'childcare', 'day care', 'preschool', 'child care']),
  sector(['Coiffure', 'Hairdressing'], ['96.02A'], [
    'coiffeur', 'coiffeuse', 'salon de coiffure', 'barbier', 'coiffure', 'barber', 'coiffeur barbier',
  ], ['hairdresser', 'hair salon', 'barber', 'barbershop', 'barber shop', 'hairstylist', 'hair stylist']),
  sector(['Soins de beauté', 'Beauty salons'], ['96.02B'], [
    'esthéticienne', 'institut de beauté', 'soins de beauté', 'onglerie', 'prothésiste ongulaire',
    'esthétique', 'salon de beauté', 'esthéticien', 'bar à ongles', 'maquilleuse',
  ], ['beauty salon', 'beautician', 'nail salon', 'esthetician', 'beauty parlour', 'beauty parlor', 'beauty institute', 'nail bar']),
  sector(['Spas et bien-être', 'Spas and wellness'], ['96.04Z'], [
    'spa', 'hammam', 'sauna', 'institut de massage', 'massage', 'bien être', 'centre de bien être',
  ], ['spa', 'wellness center', 'wellness centre', 'massage parlour', 'day spa', 'massage']),
  sector(['Tatoueurs', 'Tattoo artists'], ['96.09Z'], ['tatoueur', 'salon de tatouage', 'tatouage', 'perceur'], [
    'tattoo artist', 'tattoo parlor', 'tattoo studio', 'tattoo shop',
  ]),
  sector(['Pompes funèbres', 'Funeral services'], ['96.03Z'], ['pompes funèbres', 'funérarium', 'services funéraires', 'thanatopracteur', 'marbrier funéraire'], [
    'funeral home', 'funeral director', 'undertaker', 'funeral services', 'funeral parlor',
  ]),
  sector(['Pressings et blanchisseries', 'Dry cleaners and laundries'], ['96.01B'], [
    'pressing', 'blanchisserie', 'laverie', 'teinturerie', 'laverie automatique',
  ], ['dry cleaner', 'laundry', 'laundromat', 'launderette', 'dry cleaning']),
  sector(['Cordonnerie', 'Shoe repair'], ['95.23Z'], ['cordonnier', 'cordonnerie'], ['cobbler', 'shoe repair']),
  sector(['Retouches et réparations', 'Repairs and alterations'], ['95.29Z'], ['retoucherie', 'couturière retouches', 'retouche'], [
    'tailor', 'alterations',
  ]),
  sector(['Réparation d’électroménager', 'Appliance repair'], ['95.22Z'], ['réparateur électroménager', 'réparation électroménager', 'dépannage électroménager'], [
    'appliance repair',
  ]),
];
