import type { AppEnv } from '../server/env';
import type { SessionViewer } from './data/sessions';
import type { Format } from './i18n/format';
import type { Lang, Translate } from './i18n';

/** What a page renders with: the language tools, and who is looking (null on the sign-in page). */
/** `colon` and `quote`: French typography (« … », a space before ":") or English (“…”, ":"). */
export type Ui = { lang: Lang; t: Translate; fmt: Format; colon: string; quote: (s: string) => string };

export type Viewer = SessionViewer;

export type PortalEnv = {
  Variables: AppEnv['Variables'] & {
    ui: Ui;
    viewer: Viewer;
  };
};
