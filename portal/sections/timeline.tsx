import { Hono } from 'hono';
import { logActivity } from '../../crm/activities';
import { ActivityCreateSchema } from '../../crm/schemas';
import type { PortalEnv } from '../env';
import { formStrings, type RawForm } from '../forms/values';
import { safeNext } from '../session/next';

/** Log a note, call or meeting on a record, then go back to it. */
export const timelineRoutes = new Hono<PortalEnv>().post('/timeline', async (c) => {
  const v = formStrings((await c.req.parseBody()) as RawForm);
  const back = safeNext(v.back);
  const parsed = ActivityCreateSchema.safeParse({ subjectType: v.subjectType, subjectId: v.subjectId, kind: v.kind, summary: v.summary ?? '' });
  // an empty note is simply not recorded; the record page is shown again
  if (parsed.success) await logActivity(c.get('crm'), parsed.data);
  return c.redirect(back, 303);
});
