import {
  canConfirmLockdown,
  LOCKDOWN_HOURS,
  lockdownApprovers,
  recordLockdown,
  requestLockdown,
} from '../../../src/core/lockdown';
import type { Result } from '../../../src/core/result';
import { anIncident } from '../../support/fixtures';

const NOW = new Date('2026-11-22T09:30:00.000Z');

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}
const errorKey = <T>(result: Result<T>) => (result.ok ? 'ok' : result.error.key);

/** ana leads, lena approves; bob is a responder without a role. */
const raided = () => anIncident({ roles: { lead: 'U0ANA', approver: 'U0LENA' } });

describe('raid lockdown: four eyes before a server is shut', () => {
  test('GIVEN bob asks for a lockdown THEN it is pending on the incident and on the timeline, nothing applied yet', () => {
    const change = value(requestLockdown(raided(), 'U0BOB', NOW));
    expect(change.incident.lockdown).toEqual({ requestedBy: 'U0BOB', requestedAt: NOW.toISOString() });
    expect(change.events).toEqual([
      { kind: 'lockdown-requested', hours: LOCKDOWN_HOURS, by: 'U0BOB', at: NOW.toISOString() },
    ]);
  });

  test('GIVEN a pending request WHEN someone asks again THEN refused as pending', () => {
    const pending = value(requestLockdown(raided(), 'U0BOB', NOW)).incident;
    expect(errorKey(requestLockdown(pending, 'U0ANA', NOW))).toBe('lockdown.pending');
  });

  test('GIVEN bob asked WHEN bob confirms his own request THEN refused: someone else must confirm', () => {
    const pending = value(requestLockdown(raided(), 'U0BOB', NOW)).incident;
    expect(errorKey(canConfirmLockdown(pending, 'U0BOB', ['U0BOB'], {}))).toBe('lockdown.ownRequest');
  });

  test('GIVEN ana (lead) asked WHEN she confirms THEN refused, even though she may approve', () => {
    const pending = value(requestLockdown(raided(), 'U0ANA', NOW)).incident;
    expect(errorKey(canConfirmLockdown(pending, 'U0ANA', ['U0ANA'], {}))).toBe('lockdown.ownRequest');
  });

  test('GIVEN bob asked WHEN carl, who holds no role, confirms THEN refused, naming who may', () => {
    const pending = value(requestLockdown(raided(), 'U0BOB', NOW)).incident;
    const refused = canConfirmLockdown(pending, 'U0CARL', ['U0CARL'], {});
    expect(errorKey(refused)).toBe('lockdown.notApprover');
    expect(lockdownApprovers(pending, {})).toEqual(['U0ANA', 'U0LENA']);
  });

  test('GIVEN a configured approver role (a Discord role) WHEN a member of it confirms THEN allowed for 24 hours', () => {
    const pending = value(requestLockdown(raided(), 'U0BOB', NOW)).incident;
    const allowed = value(canConfirmLockdown(pending, 'U0MOD', ['U0MOD', '&42'], { approver: ['&42'] }));
    expect(allowed.until(NOW).toISOString()).toBe('2026-11-23T09:30:00.000Z');
  });

  test('GIVEN lena confirms bob’s request THEN it is recorded with who asked, who confirmed and until when; a second confirmation is refused', () => {
    const pending = value(requestLockdown(raided(), 'U0BOB', NOW)).incident;
    value(canConfirmLockdown(pending, 'U0LENA', ['U0LENA'], {}));
    const until = new Date(NOW.getTime() + LOCKDOWN_HOURS * 3_600_000);
    const change = value(recordLockdown(pending, 'U0LENA', until, NOW));
    expect(change.incident.lockdown).toMatchObject({ requestedBy: 'U0BOB', approvedBy: 'U0LENA' });
    expect(change.events[0]).toMatchObject({
      kind: 'lockdown',
      requestedBy: 'U0BOB',
      by: 'U0LENA',
      drill: false,
    });
    expect(errorKey(recordLockdown(change.incident, 'U0ANA', until, NOW))).toBe('lockdown.already');
    expect(errorKey(canConfirmLockdown(change.incident, 'U0ANA', ['U0ANA'], {}))).toBe('lockdown.already');
  });

  test('GIVEN no request WHEN someone confirms THEN refused; a resolved incident takes neither', () => {
    expect(errorKey(canConfirmLockdown(raided(), 'U0LENA', ['U0LENA'], {}))).toBe('lockdown.noRequest');
    const resolved = anIncident({ status: 'resolved' });
    expect(errorKey(requestLockdown(resolved, 'U0BOB', NOW))).toBe('incident.closed');
  });
});
