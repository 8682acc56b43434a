import type { RequestVariables } from '../identity/request';
import type { SessionViewer } from '../identity/sessions';
import type { Format } from './i18n/format';
import type { Translate } from './i18n';
import type { Language } from '../lib/language';

/** What a page renders with: the language tools, and who is looking (null on the sign-in page). */
/** `colon` and `quote`: French typography (« … », a space before ":") or English (“…”, ":"). */
export type Ui = { lang: Language; t: Translate; fmt: Format; colon: string; quote: (s: string) => string };

export type Viewer = SessionViewer;

export type PortalEnv = {
  Variables: RequestVariables & {
    ui: Ui;
    viewer: Viewer;
  };
};
