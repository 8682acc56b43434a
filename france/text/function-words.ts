// Grammatical words ignored inside sector phrases, on both the index and the query side, so
// "pompe à chaleur" = "pompes chaleur" and "experts-comptables" = "expert comptable".
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'de', 'd', 'du', 'des', 'en', 'a', 'au', 'aux', 'la', 'le', 'les', 'l', 'et', 'un', 'une', 'y',
  'pour', 'par', 'avec', 'sur', 'dans', 'ou', 's', 'n', 'c', 'qu',
  'of', 'the', 'and', 'an', 'in', 'for', 'or', 'with', 'on', 'to', 'at', 'by',
]);
