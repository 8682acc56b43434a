// Names people use for places besides the official ones: former régions and acronyms,
// foreign names of towns, demonyms.

// Former regions, acronyms and everyday names mapped to the current région codes. An alias
// marked `needsKeyword` only counts after "région" ("région Centre", "région Sud"), because
// the bare word is too common.
export const REGION_ALIASES: { code: string; alias: string; needsKeyword?: boolean }[] = [
  { code: '11', alias: 'idf' },
  { code: '11', alias: 'ile de france' },
  { code: '11', alias: 'region parisienne' },
  { code: '11', alias: 'paris region' },
  { code: '24', alias: 'centre', needsKeyword: true },
  { code: '24', alias: 'centre val de loire' },
  { code: '24', alias: 'val de loire' },
  { code: '27', alias: 'bourgogne' },
  { code: '27', alias: 'franche comte' },
  { code: '27', alias: 'bfc' },
  { code: '28', alias: 'haute normandie' },
  { code: '28', alias: 'basse normandie' },
  { code: '32', alias: 'nord pas de calais' },
  { code: '32', alias: 'picardie' },
  { code: '32', alias: 'hdf' },
  { code: '44', alias: 'alsace' },
  { code: '44', alias: 'lorraine' },
  { code: '44', alias: 'champagne ardenne' },
  { code: '44', alias: 'alsace champagne ardenne lorraine' },
  { code: '44', alias: 'acal' },
  { code: '52', alias: 'pays de loire' },
  { code: '52', alias: 'pdl' },
  { code: '75', alias: 'aquitaine' },
  { code: '75', alias: 'limousin' },
  { code: '75', alias: 'poitou charentes' },
  { code: '75', alias: 'poitou charente' },
  { code: '76', alias: 'languedoc roussillon' },
  { code: '76', alias: 'languedoc' },
  { code: '76', alias: 'midi pyrenees' },
  { code: '76', alias: 'languedoc roussillon midi pyrenees' },
  { code: '84', alias: 'aura' },
  { code: '84', alias: 'rhone alpes' },
  { code: '84', alias: 'auvergne' },
  { code: '84', alias: 'auvergne rhone alpes' },
  { code: '93', alias: 'paca' },
  { code: '93', alias: 'sud', needsKeyword: true },
  { code: '93', alias: 'provence' },
  { code: '93', alias: 'cote d azur' },
  { code: '93', alias: 'provence alpes cote d azur' },
  { code: '93', alias: 'french riviera' },
  { code: '94', alias: 'corsica' },
  { code: '11', alias: 'greater paris' },
  { code: '11', alias: 'grand paris' },
  { code: '53', alias: 'brittany' },
  { code: '28', alias: 'normandy' },
];

// English (and older French) names of towns, mapped to their INSEE code as exact names.
export const COMMUNE_EXONYMS: { code: string; alias: string }[] = [
  { code: '13055', alias: 'marseilles' },
  { code: '69123', alias: 'lyons' },
  { code: '59183', alias: 'dunkirk' },
  { code: '59183', alias: 'dunkerque' },
  { code: '62193', alias: 'calais' },
  { code: '35288', alias: 'saint malo' },
  { code: '06088', alias: 'nizza' },
];

// Demonyms used as places ("région lyonnaise", "agglomération nantaise", "le Toulousain"),
// masculine singular; feminine and plural forms are derived.
export const CITY_DEMONYMS: { code: string; demonym: string }[] = [
  { code: '69123', demonym: 'lyonnais' },
  { code: '75056', demonym: 'parisien' },
  { code: '13055', demonym: 'marseillais' },
  { code: '33063', demonym: 'bordelais' },
  { code: '31555', demonym: 'toulousain' },
  { code: '44109', demonym: 'nantais' },
  { code: '59350', demonym: 'lillois' },
  { code: '06088', demonym: 'nicois' },
  { code: '35238', demonym: 'rennais' },
  { code: '67482', demonym: 'strasbourgeois' },
  { code: '34172', demonym: 'montpellierain' },
  { code: '38185', demonym: 'grenoblois' },
  { code: '42218', demonym: 'stephanois' },
  { code: '76351', demonym: 'havrais' },
  { code: '76540', demonym: 'rouennais' },
  { code: '21231', demonym: 'dijonnais' },
  { code: '51454', demonym: 'remois' },
  { code: '83137', demonym: 'toulonnais' },
  { code: '29019', demonym: 'brestois' },
  { code: '63113', demonym: 'clermontois' },
  { code: '57463', demonym: 'messin' },
  { code: '54395', demonym: 'nanceien' },
  { code: '45234', demonym: 'orleanais' },
  { code: '14118', demonym: 'caennais' },
  { code: '84007', demonym: 'avignonnais' },
  { code: '74010', demonym: 'annecien' },
  { code: '66136', demonym: 'perpignanais' },
  { code: '87085', demonym: 'limougeaud' },
];

/** lyonnais -> lyonnaise(s); parisien -> parisienne(s); messin -> messine(s). */
export function demonymForms(masculine: string): string[] {
  const feminine = /(ien|on)$/.test(masculine) ? `${masculine}ne` : `${masculine}e`;
  const plural = masculine.endsWith('s') ? masculine : `${masculine}s`;
  return [masculine, plural, feminine, `${feminine}s`];
}
