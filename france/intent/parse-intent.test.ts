import { describe, expect, it } from 'vitest';
import { RENOVATION_NAF } from '../naf/lexicon-types';
import { parseIntent } from './parse-intent';
import { IntentSchema, type Intent } from './schema';

const naf = (intent: Intent) => intent.sectors.map((s) => [...s.naf].sort());
const places = (intent: Intent) => intent.places.map((p) => `${p.kind}:${p.code}`);

describe('parseIntent — sectors', () => {
  it.each([
    ['plombiers à Lyon', ['43.22A']],
    ['couvreurs zingueurs à Brest', ['43.91B']],
    ['chauffagistes à Annecy', ['43.22B']],
    ['experts-comptables à Nantes', ['69.20Z']],
    ['cabinets d’expertise comptable à Nantes', ['69.20Z']],
    ['syndics à Nice', ['68.32A']],
    ['agence immobilière à Rennes', ['68.31Z']],
    ['agence immo a st etienne', ['68.31Z']],
    ['architects in Lyon', ['71.11Z']],
    ['roofers in Bordeaux', ['43.91B']],
    ['boulangeries à Lille', ['10.71C']],
    ['coiffeurs à Tours', ['96.02A']],
    ['dentists in Nice', ['86.23Z']],
    ['43.34Z à Lyon', ['43.34Z']],
    ['code APE 6920Z à Lyon', ['69.20Z']],
  ])('%s -> %j', (text, expected) => {
    expect(naf(parseIntent(text))).toEqual([expected]);
  });

  it('maps "rénovation" to the building trades and "rénovation énergétique" to insulation and heating first', () => {
    const renovation = parseIntent('renovation a lyon');
    expect(renovation.sectors[0].naf).toEqual(RENOVATION_NAF);
    for (const code of ['41.20A', '41.20B', '43.21A', '43.22A', '43.22B', '43.29A', '43.31Z', '43.32A', '43.33Z', '43.34Z', '43.39Z', '43.91A', '43.91B', '43.99A']) {
      expect(renovation.sectors[0].naf).toContain(code);
    }
    const energy = parseIntent('rénovation énergétique à Grenoble');
    expect(energy.sectors[0].naf.slice(0, 2)).toEqual(['43.29A', '43.22B']);
  });

  it('finds any NAF activity through the official labels', () => {
    expect(naf(parseIntent('fabricants de meubles en Vendée'))).toEqual([['31.01Z', '31.02Z', '31.09B']]);
    expect(naf(parseIntent('commerce de gros de boissons à Lyon'))).toEqual([['46.34Z']]);
    expect(naf(parseIntent('location de voitures à Marseille'))).toEqual([['77.11A', '77.11B']]);
  });

  it('reads several trades and tolerates typos in trade names', () => {
    expect(naf(parseIntent('plombiers et électriciens à Lyon 7e'))).toEqual([['43.22A'], ['43.21A']]);
    const typo = parseIntent('plombiets à Lyon');
    expect(naf(typo)).toEqual([['43.22A']]);
    expect(typo.warnings?.join(' ')).toMatch(/plombiets/);
  });
});

describe('parseIntent — places', () => {
  it.each([
    ['plombiers à Paris 15e', 'commune:75115'],
    ['plombiers Paris 15', 'commune:75115'],
    ['plombiers lyon 7', 'commune:69387'],
    ['plombiers à Lyon 7e arrondissement', 'commune:69387'],
    ['plombiers à Marseille 8e', 'commune:13208'],
    ['plombiers dans le 15e arrondissement de Paris', 'commune:75115'],
    ['plombiers 69007', 'commune:69387'],
    ['plombiers dans le Rhône', 'departement:69'],
    ['plombiers dans le 69', 'departement:69'],
    ['plombiers en Haute-Savoie', 'departement:74'],
    ['plombiers dans le 74', 'departement:74'],
    ['plombiers en Corse-du-Sud', 'departement:2A'],
    ['plombiers en Bretagne', 'region:53'],
    ['plombiers en Auvergne-Rhône-Alpes', 'region:84'],
    ['plombiers en Ile de France', 'region:11'],
    ['plombiers au Havre', 'commune:76351'],
    ['plombiers à St Etienne', 'commune:42218'],
    ['plombiers à Ste Foy les Lyon', 'commune:69202'],
    ['plombiers dans la Vienne', 'departement:86'],
    ['plombiers à Vienne', 'commune:38544'],
    ['plumbers in Brittany', 'region:53'],
  ])('%s -> %s', (text, expected) => {
    expect(places(parseIntent(text))).toEqual([expected]);
  });

  it('lists arrondissements for Paris, Lyon and Marseille', () => {
    const lyon = parseIntent('plombiers à Lyon').places[0];
    expect(lyon).toMatchObject({ kind: 'commune', code: '69123', label: 'Lyon' });
    expect(lyon.communes).toEqual(['69381', '69382', '69383', '69384', '69385', '69386', '69387', '69388', '69389']);
    expect(lyon.postcodes).toEqual(['69001', '69002', '69003', '69004', '69005', '69006', '69007', '69008', '69009']);
    const paris = parseIntent('plombiers à Paris').places[0];
    expect(paris.communes).toHaveLength(20);
    expect(paris.communes[0]).toBe('75101');
    expect(paris.postcodes).toContain('75116');
    const marseille = parseIntent('plombiers à Marseille').places[0];
    expect(marseille.communes).toEqual(Array.from({ length: 16 }, (_, i) => String(13201 + i)));
    const arrondissement = parseIntent('plombiers à Paris 15e').places[0];
    expect(arrondissement).toMatchObject({ communes: ['75115'], postcodes: ['75015'] });
  });

  it('lists every current commune of a département (arrondissements for its big city)', () => {
    const rhone = parseIntent('plombiers dans le Rhône').places[0];
    expect(rhone.communes).toContain('69266'); // Villeurbanne
    expect(rhone.communes).toContain('69387'); // Lyon 7e
    expect(rhone.communes).not.toContain('69123');
    expect(rhone.communes.every((c) => c.startsWith('69'))).toBe(true);
    expect(rhone.postcodes).toContain('69100');
  });

  it('picks the most populous homonym and says so', () => {
    const intent = parseIntent('maçons à Saint-Denis');
    expect(intent.places).toHaveLength(1);
    expect(intent.warnings?.join(' ')).toMatch(/ambigu/);
    expect(places(parseIntent('maçons à Saint-Denis (93)'))).toEqual(['commune:93066']);
  });

  it('corrects a misspelt town and reports an unknown one without throwing', () => {
    const typo = parseIntent('boulangeries à Lyonn');
    expect(places(typo)).toEqual(['commune:69123']);
    const unknown = parseIntent('plombiers à Xyzville');
    expect(unknown.kind).toBe('prospect');
    expect(unknown.places).toEqual([]);
    expect(unknown.message).toMatch(/^lieu introuvable : « Xyzville »/);
    expect(unknown.warnings).toContain(unknown.message);
    expect(parseIntent('plumbers in Xyzville').message).toMatch(/^place not found: "Xyzville"/);
  });
});

describe('parseIntent — count, headcount, language, kind', () => {
  it.each([
    ['trouve 10 entreprises de rénovation à Lyon', 10],
    ['trouve-moi 25 plombiers à Paris', 25],
    ['find 5 roofers in Bordeaux', 5],
    ['dix couvreurs à Brest', 10],
    ['find ten accountants in Paris', 10],
    ['Trouve vingt-cinq menuisiers à Rennes', 25],
    ['une dizaine de kinés à Rennes', 10],
    ['top 20 dentists in Lyon', 20],
    ['plombiers à Lyon', null],
    ['plombiers à Lyon 7', null],
  ])('%s -> count %s', (text, count) => {
    expect(parseIntent(text).count).toBe(count);
  });

  it.each([
    ['plombiers à Lyon de plus de 10 salariés', { min: 10, max: null }],
    ['plombiers à Lyon entre 5 et 20 salariés', { min: 5, max: 20 }],
    ['architects in Lyon with 10-50 employees', { min: 10, max: 50 }],
    ['plombiers à Lyon de moins de 50 salariés', { min: null, max: 50 }],
    ['TPE du bâtiment à Lyon', { min: null, max: 9 }],
    ['PME du bâtiment à Lyon', { min: 10, max: 249 }],
    ['couvreurs sans salarié à Lyon', { min: 0, max: 0 }],
    ['plombiers à Lyon, 10 salariés ou plus', { min: 10, max: null }],
    ['plombiers à Lyon', null],
  ])('%s -> headcount %j', (text, headcount) => {
    expect(parseIntent(text).headcount).toEqual(headcount);
  });

  it('keeps count and headcount apart', () => {
    const intent = parseIntent('10 experts-comptables dans le Rhône de plus de 10 salariés');
    expect(intent).toMatchObject({ count: 10, headcount: { min: 10, max: null } });
    expect(parseIntent('trouve 30 PME du BTP en Rhône-Alpes')).toMatchObject({ count: 30, headcount: { min: 10, max: 249 } });
  });

  it('detects the language', () => {
    expect(parseIntent('find plumbers in Lyon').language).toBe('en');
    expect(parseIntent('dentists Paris').language).toBe('en');
    expect(parseIntent('plombiers Paris').language).toBe('fr');
    expect(parseIntent('trouve des plombiers').language).toBe('fr');
  });

  it('answers "other" with a helpful message for chit-chat, nonsense and empty input', () => {
    for (const text of ['bonjour', 'asdf qwerty zzz', '', '   ', 'quel temps fait-il à Paris ?', '!!!', '12345']) {
      const intent = parseIntent(text);
      expect(intent.kind).toBe('other');
      expect(intent.message).toBeTruthy();
      expect(intent.sectors).toEqual([]);
    }
  });

  it('asks for a sector when only a place was given', () => {
    const intent = parseIntent('trouve des entreprises à Lyon');
    expect(intent).toMatchObject({ kind: 'prospect', sectors: [] });
    expect(intent.message).toMatch(/secteur/);
  });
});

describe('parseIntent — contract', () => {
  it('always returns a valid Intent, with the exact key order of the schema', () => {
    const intent = parseIntent('trouve-moi 25 plombiers à Paris 15e de plus de 10 salariés');
    expect(IntentSchema.parse(intent)).toEqual(intent);
    expect(Object.keys(intent)).toEqual(['kind', 'language', 'sectors', 'places', 'count', 'headcount']);
  });

  it('never throws, whatever the input', () => {
    const inputs: unknown[] = [
      'x'.repeat(100_000),
      '🏗️ plombiers 🇫🇷 à Lyon',
      '\u0000\u0001',
      '-- -- --',
      '10-20-30',
      'à à à à',
      'de de de',
      '15e 15e 15e',
      'Paris Paris Paris',
      '+++ <<< >>>',
      null,
      undefined,
      42,
      {},
    ];
    for (const input of inputs) {
      expect(() => IntentSchema.parse(parseIntent(input as string))).not.toThrow();
    }
  });

  it('is pure: the same request gives the same answer, and results are not shared', () => {
    const a = parseIntent('plombiers dans le Rhône');
    a.places[0].communes.length = 0;
    expect(parseIntent('plombiers dans le Rhône')).not.toEqual(a);
    expect(parseIntent('plombiers dans le Rhône').places[0].communes.length).toBeGreaterThan(200);
  });
});
