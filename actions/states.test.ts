import { describe, expect, it } from 'vitest';
import { ACTION_STATUSES, actorMayLeave, assertActorMay, canTransition, NEEDS_ATTENTION, sourcesOf, TERMINAL } from './states';

describe('the action state machine', () => {
  it('follows the happy path draft → … → sent', () => {
    const path = ['draft', 'in_review', 'pending_approval', 'approved', 'scheduled', 'sending', 'sent'] as const;
    for (let i = 0; i < path.length - 1; i++) expect(canTransition(path[i], path[i + 1]), `${path[i]} → ${path[i + 1]}`).toBe(true);
  });

  it('has terminal states that go nowhere', () => {
    expect([...TERMINAL].sort()).toEqual(['cancelled', 'expired', 'ignored', 'rejected', 'sent']);
    for (const from of TERMINAL) for (const to of ACTION_STATUSES) expect(canTransition(from, to)).toBe(false);
  });

  it('never skips the human: nothing reaches sending without being approved first', () => {
    expect(sourcesOf('sending')).toEqual(['approved', 'scheduled']);
    expect(sourcesOf('approved').sort()).toEqual(['delivery_unknown', 'failed', 'pending_approval']);
    expect(canTransition('draft', 'approved')).toBe(false);
    expect(canTransition('in_review', 'approved')).toBe(false);
    expect(canTransition('delivery_unknown', 'sending')).toBe(false);
  });

  it('lets only users and rules approve, only the system send', () => {
    expect(() => assertActorMay('teammate', 'approved')).toThrow(/teammate cannot/);
    expect(() => assertActorMay('system', 'approved')).toThrow();
    expect(() => assertActorMay('rule', 'approved')).not.toThrow();
    expect(() => assertActorMay('user', 'sending')).toThrow();
    expect(() => assertActorMay('teammate', 'pending_approval')).not.toThrow();
  });

  it('leaves an action being sent to the dispatcher: a human can no longer cancel it', () => {
    expect(sourcesOf('cancelled')).toContain('sending');
    expect(sourcesOf('cancelled', undefined, 'system')).toContain('sending');
    expect(sourcesOf('cancelled', undefined, 'user')).not.toContain('sending');
    expect(sourcesOf('cancelled', undefined, 'user')).toEqual(expect.arrayContaining(['approved', 'scheduled', 'failed', 'delivery_unknown']));
    expect(actorMayLeave('user', 'sending')).toBe(false);
    expect(actorMayLeave('rule', 'sending')).toBe(false);
    expect(actorMayLeave('system', 'sending')).toBe(true);
  });

  it('counts pending approvals, failures and unknown deliveries as needing attention', () => {
    expect(NEEDS_ATTENTION).toEqual(['pending_approval', 'failed', 'delivery_unknown']);
  });
});
