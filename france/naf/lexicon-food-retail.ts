import { sector, type LexiconEntry } from './lexicon-types';

// Food trades, restaurants and hotels, and shops.
export const FOOD_RETAIL_LEXICON: LexiconEntry[] = [
  sector(['Boulangeries', 'Bakeries'], ['10.71C'], [
    'boulangerie', 'boulanger', 'boulangerie pâtisserie', 'boulanger pâtissier', 'artisan boulanger',
    'dépôt de pain',
  ], ['bakery', 'baker', 'bakeries', 'boulangerie']),
  sector(['Pâtisseries', 'Pastry shops'], ['10.71D'], ['pâtisserie', 'pâtissier', 'pâtissier chocolatier'], [
    'pastry shop', 'patisserie', 'pastry chef', 'cake shop',
  ]),
  sector(['Chocolatiers et confiseurs', 'Chocolate and confectionery'], ['10.82Z'], ['chocolatier', 'confiseur', 'confiserie', 'chocolaterie'], [
    'chocolatier', 'chocolate shop', 'confectioner', 'candy store',
  ]),
  sector(['Boucheries-charcuteries', 'Butchers'], ['47.22Z'], [
    'boucherie', 'boucher', 'boucherie charcuterie', 'charcutier', 'charcuterie', 'boucher charcutier',
  ], ['butcher', 'butcher shop', 'butchery', 'delicatessen butcher']),
  sector(['Traiteurs', 'Caterers'], ['56.21Z'], ['traiteur', 'service traiteur'], ['caterer', 'catering', 'catering company']),
  sector(['Poissonneries', 'Fishmongers'], ['47.23Z'], ['poissonnerie', 'poissonnier', 'mareyeur'], ['fishmonger', 'fish shop', 'seafood shop']),
  sector(['Primeurs', 'Greengrocers'], ['47.21Z'], ['primeur', 'fruits et légumes', 'marchand de fruits et légumes'], [
    'greengrocer', 'fruit and vegetable shop', 'produce store',
  ]),
  sector(['Fromageries et épiceries fines', 'Cheese shops and delis'], ['47.29Z'], [
    'fromager', 'fromagerie', 'épicerie fine', 'crèmerie', 'torréfacteur', 'épicerie bio', 'magasin bio',
  ], ['cheese shop', 'cheesemonger', 'deli', 'delicatessen', 'organic shop', 'organic store']),
  sector(['Épiceries', 'Grocery stores'], ['47.11B'], ['épicerie', 'épicier', 'alimentation générale', 'supérette'], [
    'grocery', 'grocer', 'grocery store', 'convenience store',
  ]),
  sector(['Supermarchés', 'Supermarkets'], ['47.11D', '47.11F'], ['supermarché', 'hypermarché', 'grande surface'], [
    'supermarket', 'hypermarket',
  ]),
  sector(['Cavistes', 'Wine shops'], ['47.25Z'], ['caviste', 'cave à vin', 'cave à vins', 'marchand de vin'], [
    'wine shop', 'wine merchant', 'liquor store', 'off licence', 'wine store',
  ]),
  sector(['Restaurants', 'Restaurants'], ['56.10A', '56.10B', '56.10C'], [
    'restaurant', 'restauration', 'restaurateur', 'resto',
  ], ['restaurant', 'eatery', 'diner', 'dining']),
  sector(['Restaurants traditionnels', 'Traditional restaurants'], ['56.10A'], [
    'restaurant traditionnel', 'restauration traditionnelle', 'restaurant gastronomique', 'bistrot',
    'brasserie', 'bouchon', 'pizzeria', 'crêperie', 'bistro',
  ], ['fine dining', 'bistro', 'brasserie', 'pizzeria', 'trattoria', 'traditional restaurant']),
  sector(['Restauration rapide', 'Fast food'], ['56.10C'], [
    'restauration rapide', 'fast food', 'snack', 'kebab', 'sandwicherie', 'food truck', 'burger',
  ], ['fast food', 'takeaway', 'take away', 'food truck', 'burger joint', 'fast food restaurant', 'snack bar']),
  sector(['Bars et cafés', 'Bars and cafés'], ['56.30Z'], [
    'bar', 'café', 'débit de boissons', 'pub', 'bar tabac', 'café bar', 'salon de thé', 'bar à vin',
  ], ['bar', 'pub', 'coffee shop', 'cafe', 'café', 'wine bar', 'tea room', 'cocktail bar']),
  sector(['Cafés-hôtels-restaurants (CHR)', 'Hospitality'], ['55.10Z', '56.10A', '56.30Z'], [
    'CHR', 'HCR', 'hôtellerie restauration', 'hôtel restaurant', 'cafés hôtels restaurants',
  ], ['hospitality', 'hotels and restaurants']),
  sector(['Hôtels', 'Hotels'], ['55.10Z'], ['hôtel', 'hôtellerie', 'hôtelier'], ['hotel', 'hotelier', 'boutique hotel']),
  sector(['Hébergement touristique', 'Holiday accommodation'], ['55.20Z'], [
    'gîte', "chambre d'hôtes", 'location saisonnière', 'résidence de tourisme', 'meublé de tourisme',
  ], ['bed and breakfast', 'B&B', 'guest house', 'guesthouse', 'holiday rental', 'vacation rental', 'holiday let']),
  sector(['Campings', 'Campsites'], ['55.30Z'], ['camping', 'terrain de camping'], ['campsite', 'campground', 'camping', 'caravan park']),
  sector(['Fleuristes', 'Florists'], ['47.76Z'], ['fleuriste', 'jardinerie', 'animalerie'], ['florist', 'flower shop', 'garden centre', 'garden center', 'pet shop', 'pet store']),
  sector(['Librairies', 'Bookshops'], ['47.61Z'], ['librairie', 'libraire'], ['bookshop', 'bookstore', 'bookseller']),
  sector(['Presse et papeterie', 'Newsagents and stationers'], ['47.62Z'], ['maison de la presse', 'papeterie', 'marchand de journaux'], [
    'newsagent', 'stationery store', 'stationer',
  ]),
  sector(['Tabac', 'Tobacconists'], ['47.26Z'], ['tabac', 'bureau de tabac', 'buraliste', 'tabac presse'], ['tobacconist', 'tobacco shop', 'smoke shop']),
  sector(['Boutiques de vêtements', 'Clothing stores'], ['47.71Z'], [
    'boutique de vêtements', 'magasin de vêtements', 'prêt à porter', 'vêtement', 'boutique de mode',
    'habillement',
  ], ['clothing store', 'clothes shop', 'fashion boutique', 'clothing boutique', 'apparel store', 'fashion store', 'clothing']),
  sector(['Magasins de chaussures', 'Shoe shops'], ['47.72A'], ['magasin de chaussures', 'chausseur', 'chaussure'], ['shoe shop', 'shoe store', 'footwear store']),
  sector(['Bijouteries', 'Jewellers'], ['47.77Z'], ['bijouterie', 'bijoutier', 'horlogerie bijouterie', 'joaillier', 'horloger'], [
    'jeweller', 'jeweler', 'jewelry store', 'jewellery shop', 'watchmaker',
  ]),
  sector(['Magasins de meubles', 'Furniture stores'], ['47.59A'], ['magasin de meubles', 'ameublement', 'marchand de meubles', 'literie', 'vendeur de meubles'], [
    'furniture store', 'furniture shop', 'bedding store',
  ]),
  sector(['Décoration et équipement du foyer', 'Home goods'], ['47.59B'], ['magasin de décoration', 'arts de la table', 'luminaire'], [
    'home decor store', 'homeware', 'homewares',
  ]),
  sector(['Quincailleries et bricolage', 'Hardware stores'], ['47.52A', '47.52B'], ['quincaillerie', 'magasin de bricolage', 'bricolage', 'droguerie'], [
    'hardware store', 'DIY store', 'home improvement store',
  ]),
  sector(['Électroménager et hi-fi', 'Electronics stores'], ['47.54Z', '47.43Z'], ['magasin d électroménager', 'électroménager', 'hifi'], [
    'electronics store', 'appliance store',
  ]),
  sector(['Magasins de sport', 'Sports shops'], ['47.64Z'], ['magasin de sport', 'articles de sport', 'magasin de vélo', 'vélociste', 'vélo', 'cycle', 'magasin de cycles'], [
    'sports shop', 'sporting goods store', 'bike shop', 'bicycle shop',
  ]),
  sector(['Parfumeries', 'Perfume and cosmetics shops'], ['47.75Z'], ['parfumerie', 'magasin de cosmétiques', 'cosmétique'], [
    'perfume shop', 'cosmetics store', 'perfumery',
  ]),
  sector(['Jouets', 'Toy stores'], ['47.65Z'], ['magasin de jouets', 'jouet', 'boutique de jouets'], ['toy store', 'toy shop']),
  sector(['Brocantes et dépôts-ventes', 'Second-hand shops'], ['47.79Z'], ['brocante', 'brocanteur', 'dépôt vente', 'antiquaire', 'friperie'], [
    'second hand shop', 'thrift store', 'antique dealer', 'antique shop', 'vintage store',
  ]),
  sector(['Vente en ligne', 'E-commerce'], ['47.91B'], ['e commerce', 'vente en ligne', 'boutique en ligne', 'site marchand', 'ecommerce'], [
    'e commerce', 'ecommerce', 'online store', 'online shop', 'online retailer',
  ]),
  sector(['Concessionnaires automobiles', 'Car dealers'], ['45.11Z'], [
    'concessionnaire', 'concession automobile', 'vente de voitures', 'négociant automobile', 'mandataire automobile',
  ], ['car dealer', 'car dealership', 'auto dealer', 'dealership', 'used car dealer']),
  sector(['Garages automobiles', 'Car repair'], ['45.20A'], [
    'garage', 'garagiste', 'mécanicien auto', 'réparation automobile', 'entretien automobile',
    'carrosserie', 'carrossier', 'garage automobile', 'mécanique automobile', 'centre auto',
  ], ['garage', 'car repair', 'auto repair', 'mechanic', 'body shop', 'car mechanic', 'auto shop', 'car garage', 'auto body shop']),
  sector(['Motos', 'Motorcycle dealers and repair'], ['45.40Z'], ['concessionnaire moto', 'garage moto', 'moto'], ['motorcycle dealer', 'motorcycle shop', 'motorbike']),
  sector(['Contrôle technique', 'Vehicle inspection'], ['71.20A'], ['contrôle technique', 'centre de contrôle technique'], ['vehicle inspection', 'MOT centre', 'MOT test']),
];
