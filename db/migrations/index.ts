import type { Migration } from 'kysely';
import * as core from './0001_core';
import * as approval from './0002_approval';
import * as leads from './0003_leads';
import * as teammates from './0004_teammates';
import * as portal from './0005_portal';
import * as jobs from './0006_jobs';
import * as runLeases from './0007_run_leases';
import * as jobQueues from './0008_job_queues';
import * as ruleApprovals from './0009_rule_approvals';
import * as tokenExpiry from './0010_token_expiry';
import * as retention from './0011_retention';
import * as imports from './0013_imports';
import * as conversations from './0014_conversations';

// Ordered by name; later capabilities append their files here.
export const migrations: Record<string, Migration> = {
  '0001_core': core,
  '0002_approval': approval,
  '0003_leads': leads,
  '0004_teammates': teammates,
  '0005_portal': portal,
  '0006_jobs': jobs,
  '0007_run_leases': runLeases,
  '0008_job_queues': jobQueues,
  '0009_rule_approvals': ruleApprovals,
  '0010_token_expiry': tokenExpiry,
  '0011_retention': retention,
  '0013_imports': imports,
  '0014_conversations': conversations,
};
