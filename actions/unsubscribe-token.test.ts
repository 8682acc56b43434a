import { describe, expect, it } from 'vitest';
import { secretKeys } from '../lib/secrets';
import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe-token';

describe('unsubscribe links', () => {
  it('signs unsubscribe links; a changed token is refused', () => {
    const keys = secretKeys({ RELAIS_SECRET_KEY: 'd'.repeat(64), dataDir: '/nonexistent', DATABASE_URL: undefined });
    const ws = '01900000-0000-7000-8000-000000000001';
    const action = '01900000-0000-7000-8000-000000000002';
    const token = unsubscribeToken(keys, ws, action);
    expect(readUnsubscribeToken(keys, token)).toEqual({ workspaceId: ws, actionId: action });
    const forged = `${unsubscribeToken(keys, ws, '01900000-0000-7000-8000-000000000003').split('.')[0]}.${token.split('.')[1]}`;
    expect(readUnsubscribeToken(keys, forged)).toBeNull();
    expect(readUnsubscribeToken(keys, 'garbage')).toBeNull();
  });
});
