import type { LeadOutcome, LeadOutcomeStatus, LeadTask } from './state';

export function skippedOutcome(task: LeadTask, status: LeadOutcomeStatus, reason: string): LeadOutcome {
  return {
    personId: task.personId,
    requestId: task.requestId,
    status,
    actionId: null,
    actionStatus: null,
    subject: null,
    body: null,
    language: task.language,
    rounds: 0,
    notes: [],
    error: reason,
  };
}
