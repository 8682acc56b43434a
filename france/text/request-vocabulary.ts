// Words of a prospecting request that are neither a sector nor a place. All entries are
// folded (no accents, lower-case), as produced by the tokenizer.

const set = (text: string) => new Set(text.split(/\s+/).filter(Boolean));

/** Verbs, pronouns, politeness, quantifiers and fillers, FR and EN. */
export const STOPWORDS: ReadonlySet<string> = set(`
  trouve trouver trouvez trouves trouvons cherche chercher cherchez recherche rechercher recherchez
  liste lister listez donne donner donnez montre montrer montrez sors sortir sortez identifie identifier
  prospecte prospecter prospectez cible cibler ciblez peux pourrais pourriez voudrais veux voulons aimerais
  faut besoin moi me m nous je j tu te t toi vous il elle on ils stp svp merci plait sil ce cet cette ces
  mes mon ma ses son sa leurs leur notre nos votre vos quelques plusieurs tous toutes tout toute certains
  bon bons bonne bonnes meilleur meilleurs meilleure meilleures nouveau nouveaux nouvelle nouvelles potentiel
  potentiels potentielle potentielles premier premiers premiere premieres situe situes situee situees base bases
  basee basees implante implantes implantee implantees localise localises installe installes present presents
  actif actifs active actives ouvert ouverts qui que quoi dont est sont etre ayant avoir ont a ai fais faire fait
  ecris ecrire ecrivez contacte contacter contactez leur leurs propose proposer envoie envoyer
  y zone secteur coin alentours alentour environs autour pres proche proximite region ville departement
  france francais francaise hexagone partout national nationale entiere toute urgence ligne priorite general
  generale particulier moment local locale locaux
  find finding search searching look looking list show get give fetch pull source sourcing identify
  want need would like could can please thanks thank i we us you my our your some any all few several more
  good best new top great potential based located operating active open that who which are is be have has
  there here around near nearby area city town country whole entire across within local please also just only
  me them their
  plus moins entre au moins maximum minimum max min environ about approximately roughly
  quel quelle quels quelles comment pourquoi combien quand temps meteo heure jour jours aujourd hui demain
  hier semaine mois annee bonjour salut hello hi hey ok oui non yes no what when why how weather today
  tomorrow time please mail email message relance rappel rdv rendez vous reunion meeting call appel
  rge label labellise labellises labellisee labellisees certifie certifies certified qualifie qualifies
  small big large huge tiny petit petits petite petites grand grands grande grandes
  maxi max maximum resultat resultats result results prospection taille moyenne moyennes moyen moyens
  size medium sized
`);

/** Words counting employees ("10 salariés", "50 employees"). */
export const HEADCOUNT_UNITS: ReadonlySet<string> = set(`
  salarie salaries salariee salariees employe employes employee employees employee collaborateur collaborateurs
  personne personnes people persons staff worker workers etp fte ftes effectif effectifs agents headcount salaried
  emplois
`);

/** Nouns that only say "companies": never a sector on their own. */
export const GENERIC_NOUNS: ReadonlySet<string> = set(`
  entreprise entreprises societe societes boite boites structure structures etablissement etablissements
  prospect prospects lead leads client clients contact contacts cible cibles fiche fiches nom noms adresse adresses
  professionnel professionnels professionnelle professionnelles pro pros acteur acteurs prestataire prestataires
  independant independants resultat resultats numero numeros email emails mail mails coordonnees
  company companies business businesses firm firms provider providers supplier suppliers
  result results name names lead leads people person organisation organisations organization organizations
  outfit outfits independent independents professional professionals
`);

/**
 * Nouns naming a kind of business without saying which activity ("magasins", "cabinets",
 * "commerce"): ignored alone, but kept when searching NAF labels ("commerce de gros de vins").
 */
export const ACTIVITY_NOUNS: ReadonlySet<string> = set(`
  artisan artisans commerce commerces commercant commercants agence agences cabinet cabinets magasin magasins
  boutique boutiques enseigne enseignes service services activite activites secteur metier metiers
  shop shops store stores practice practices office offices trade trades sector industry industries
  contractor contractors specialist specialists specialiste specialistes expert experts
`);

/** Words saying the user wants companies found (with a place, enough to be a prospecting request). */
export const PROSPECT_CUES: ReadonlySet<string> = set(`
  trouve trouver trouvez cherche chercher recherche rechercher prospecte prospecter prospection prospects prospect
  leads lead liste lister entreprises entreprise societes societe boites cible cibler identifier sors
  find search look list companies company businesses business firms leads prospects prospecting identify source
`);

/** Words of requests that are about something else (weather, writing, scheduling, greetings). */
export const OTHER_CUES: ReadonlySet<string> = set(`
  temps meteo heure bonjour salut hello hi hey merci thanks thank mail email emails message messages relance
  relancer rappel rappelle rdv rendez reunion meeting appel call redige rediger ecris ecrire write draft send
  envoie envoyer reponds repondre reply weather quel quelle quels quelles comment pourquoi what how why when
  combien qui planifie planning agenda calendrier calendar devis facture invoice quote resume summarize traduis
  translate
`);

export const FRENCH_CUES: ReadonlySet<string> = set(`
  trouve trouver trouvez cherche chercher recherche rechercher moi des les le la du de dans avec pour entreprises
  entreprise societes societe salaries salarie employes au aux en et ou sur plus moins entre je veux voudrais
  liste donne montre qui sont une quelques deux trois quatre cinq six sept huit neuf dix vingt trente cinquante
  cent stp svp merci agences cabinets boites tous toutes leur ecris ecrire l d qu j
  il elle est fait quel quelle quels quelles comment pourquoi bonjour salut oui non ce cet cette ces mon ma
  mes ton ta tes son sa ses nous vous ils elles peux pouvez aussi chez vers pres redige envoie
`);

export const ENGLISH_CUES: ReadonlySet<string> = set(`
  find me some the in with for and or companies company businesses business employees employee staff near
  around list show get give looking want need please more than less between of at based located people from
  two three four five six seven eight nine ten twenty thirty fifty hundred top best all any that who firms
  agencies shops i we our my to up over under least most fewer thanks thank hello hi hey please
  what when why how write email draft send reply is it this these those can could would should
`);

/**
 * Place names that are also everyday words: outside "à X"/"en X" they only count when
 * capitalized ("Nice", "Tours", "Orange") or at the very end of the request.
 */
export const COMMON_PLACE_WORDS: ReadonlySet<string> = set(`
  nice orange sens tours plaisir rue die eu y mars vitre bar port gap condom ville centre aura lot cher nord sud
  est ouest manche somme aube creuse allier var ain gard orne eure marne landes vienne charente loire mayenne
  salon lens bourg grand petit
  best bath reading chester richmond derby
`);
