/** Why a company search failed; `messageFr` is what a French user sees. */
export type CompanySourceErrorCode = 'invalid_query' | 'bad_request' | 'rate_limited' | 'unavailable' | 'timeout' | 'invalid_response';

const FR: Record<CompanySourceErrorCode, string> = {
  invalid_query: 'Recherche d’entreprises invalide',
  bad_request: 'L’annuaire des entreprises a refusé la requête',
  rate_limited: 'L’annuaire des entreprises limite le nombre de requêtes ; réessayez dans un instant',
  unavailable: 'L’annuaire des entreprises est indisponible pour le moment ; réessayez plus tard',
  timeout: 'L’annuaire des entreprises ne répond pas (délai dépassé) ; réessayez plus tard',
  invalid_response: 'Réponse inattendue de l’annuaire des entreprises',
};

export class CompanySourceError extends Error {
  readonly code: CompanySourceErrorCode;
  /** HTTP status of the last answer, when there was one */
  readonly status: number | null;
  readonly messageFr: string;

  constructor(code: CompanySourceErrorCode, message: string, options: { status?: number | null; detail?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CompanySourceError';
    this.code = code;
    this.status = options.status ?? null;
    this.messageFr = options.detail ? `${FR[code]} : ${options.detail}` : FR[code];
  }
}
