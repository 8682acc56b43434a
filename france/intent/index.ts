// Public API of the France intent toolkit: parse a request offline, or map names a model
// extracted to official codes (a model never invents a NAF or INSEE code).
export { parseIntent } from './parse-intent';
export { IntentSchema, HeadcountSchema, type Intent, type Headcount } from './schema';
export { PlaceSchema, SectorSchema, LanguageSchema, type Place, type PlaceKind, type Sector, type Language } from './schema';
export { resolvePlace, lookupPlace, type PlaceLookup, type PlaceLookupOptions } from '../places/resolve-place';
export { resolveSector } from '../naf/resolve-sector';
