// Name material for the FICTITIOUS offline directory. Common French given names and family
// names (of every origin) and ordinary street names: none of the generated companies exist.

export const FIRST_NAMES_F = [
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Sophie', 'Christine', 'Valérie', 'Sandrine', 'Céline',
  'Julie', 'Camille', 'Émilie', 'Aurélie', 'Laura', 'Manon', 'Chloé', 'Léa', 'Inès', 'Sarah', 'Claire', 'Anne',
  'Hélène', 'Caroline', 'Virginie', 'Audrey', 'Mélanie', 'Élodie', 'Pauline', 'Marion', 'Charlotte', 'Lucie',
  'Fatima', 'Yasmine', 'Nadia', 'Samira', 'Leïla', 'Amina', 'Aïcha', 'Mathilde', 'Agnès', 'Brigitte', 'Corinne',
  'Delphine', 'Florence', 'Karine', 'Laetitia', 'Maëlle', 'Océane', 'Justine', 'Anaïs', 'Margaux', 'Linh', 'Mei',
  'Soizic', 'Gwenaëlle', 'Ana', 'Beatriz', 'Giulia', 'Zoé',
];

export const FIRST_NAMES_M = [
  'Jean', 'Philippe', 'Michel', 'Alain', 'Patrick', 'Nicolas', 'Christophe', 'Pierre', 'Christian', 'Éric',
  'Frédéric', 'Laurent', 'Stéphane', 'David', 'Olivier', 'Sébastien', 'Julien', 'Thomas', 'Vincent', 'Guillaume',
  'Antoine', 'Maxime', 'Alexandre', 'Romain', 'Hugo', 'Lucas', 'Théo', 'Mathieu', 'Benoît', 'Damien', 'Cédric',
  'Franck', 'Thierry', 'Bruno', 'Gilles', 'Didier', 'Pascal', 'Mohamed', 'Karim', 'Mehdi', 'Rachid', 'Youssef',
  'Samir', 'Bilal', 'Moussa', 'Mamadou', 'Kevin', 'Florian', 'Jérôme', 'Arnaud', 'Fabrice', 'Loïc', 'Yann',
  'Erwan', 'Gaël', 'Iñaki', 'João', 'Marco', 'Minh', 'Tomasz',
];

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon',
  'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard',
  'André', 'Lefèvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure',
  'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément',
  'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer',
  'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier', 'Roger', 'Roche', 'Roy', 'Noël', 'Meyer', 'Lucas', 'Meunier',
  'Perez', 'Marchand', 'Dufour', 'Blanchard', 'Barbier', 'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin',
  'Fernandez', 'Renard', 'Arnaud', 'Rolland', 'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal', 'Bourgeois',
  'Renaud', 'Lemoine', 'Picard', 'Gaillard', 'Lacroix', 'Fabre', 'Dupuis', 'Olivier', 'Rodriguez', 'Da Silva',
  'Hubert', 'Guillot', 'Rivière', 'Le Gall', 'Adam', 'Rey', 'Moulin', 'Gonzalez', 'Berger', 'Lecomte', 'Ménard',
  'Fleury', 'Deschamps', 'Carpentier', 'Benoit', 'Maillard', 'Marchal', 'Aubry', 'Vasseur', 'Le Roux', 'Jacquet',
  'Collet', 'Prévost', 'Poirier', 'Royer', 'Huet', 'Baron', 'Dupuy', 'Pons', 'Lainé', 'Carré', 'Breton', 'Rémy',
  'Schneider', 'Perrot', 'Guyot', 'Barre', 'Marty', 'Cousin', 'Benali', 'Haddad', 'Mansouri', 'Diallo', 'Traoré',
  'Koné', 'Ben Saïd', 'Bouchard', 'Tran', 'Pham', 'Kowalski', 'Ferreira', 'Costa', 'Pereira', 'Rossi', 'Le Goff',
  'Kerjean', 'Etcheverry', 'Ollivier', 'Bouvier', 'Chauvin', 'Lebrun', 'Tessier', 'Weber', 'Klein', 'Hoarau',
];

export const STREET_NAMES = [
  'de la République', 'Victor Hugo', 'Jean Jaurès', 'des Lilas', 'du Général de Gaulle', 'Pasteur', 'de la Paix',
  'Gambetta', 'Carnot', 'Voltaire', 'des Écoles', 'du Moulin', 'de la Gare', 'Émile Zola', 'Jules Ferry',
  'Saint-Michel', 'des Acacias', 'du Château', 'de Verdun', 'Foch', 'Clemenceau', 'Lafayette', 'de la Liberté',
  'des Tilleuls', 'Paul Bert', 'Anatole France', 'Jean Moulin', 'de Strasbourg', 'Pierre Curie', 'des Roses',
  'du Commerce', "de l'Église", 'des Remparts', 'du Port', 'de la Mairie', "d'Alsace-Lorraine", 'Montesquieu',
  'des Jardins', 'Louis Pasteur', 'de la Fontaine', 'des Peupliers', 'du Marché', 'Sadi Carnot', 'de Lattre de Tassigny',
  'des Platanes', 'du Stade', 'Ampère', 'Denis Papin', 'Condorcet', 'des Artisans', 'de la Poste', 'Molière',
  'Racine', 'des Vignes', 'du Lavoir', 'des Cerisiers', 'Lamartine', 'Rabelais', 'des Carmes', 'Nationale',
];

export const STREET_TYPES = ['RUE', 'RUE', 'RUE', 'AVENUE', 'BOULEVARD', 'PLACE', 'COURS', 'IMPASSE', 'ALLEE', 'QUAI', 'CHEMIN'];
