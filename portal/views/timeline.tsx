import type { Activity, SubjectType } from '../../db/schema';
import type { Ui } from '../env';
import { activityLabel, stageKeyLabel } from './labels';
import { Csrf } from './ui';

function describe(ui: Ui, a: Activity): string {
  const data = a.data as { from?: unknown; to?: unknown };
  if (a.kind === 'stage_changed' && typeof data.from === 'string' && typeof data.to === 'string') {
    return `${stageKeyLabel(ui, data.from)} → ${stageKeyLabel(ui, data.to)}`;
  }
  return a.summary;
}

/** A record's history, newest first, with who did what. */
export function Timeline({ ui, items }: { ui: Ui; items: Activity[] }) {
  if (items.length === 0) return <p class="muted">{ui.t('timeline.empty')}</p>;
  return (
    <ol class="timeline">
      {items.map((a) => (
        <li>
          <time datetime={a.occurred_at.toISOString()}>{ui.fmt.dateTime(a.occurred_at)}</time>
          <div>
            <strong>{activityLabel(ui, a.kind)}</strong>
            {describe(ui, a) ? <span class="what"> — {describe(ui, a)}</span> : null}
            <span class="actor"> · {ui.t(`actor.${a.actor_type}`)}</span>
          </div>
        </li>
      ))}
    </ol>
  );
}

const NOTE_KINDS = ['note', 'call', 'meeting', 'email_logged', 'task'] as const;

/** Log a note, call or meeting on any record. */
export function TimelineForm({ ui, csrf, subjectType, subjectId, back }: { ui: Ui; csrf: string; subjectType: SubjectType; subjectId: string; back: string }) {
  return (
    <form method="post" action="/timeline" class="timeline-form" novalidate>
      <Csrf token={csrf} />
      <input type="hidden" name="subjectType" value={subjectType} />
      <input type="hidden" name="subjectId" value={subjectId} />
      <input type="hidden" name="back" value={back} />
      <fieldset>
        <legend>{ui.t('timeline.add')}</legend>
        <div class="row">
          <div class="field">
            <label for="tl-kind">{ui.t('timeline.kind')}</label>
            <select id="tl-kind" name="kind">
              {NOTE_KINDS.map((k) => (
                <option value={k}>{activityLabel(ui, k)}</option>
              ))}
            </select>
          </div>
          <div class="field grow">
            <label for="tl-summary">{ui.t('timeline.summary')}</label>
            <input id="tl-summary" name="summary" type="text" maxlength={2000} required />
          </div>
          <button type="submit">{ui.t('timeline.submit')}</button>
        </div>
      </fieldset>
    </form>
  );
}
