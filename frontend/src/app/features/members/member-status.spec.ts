import { MemberStatus } from '@atrium/shared';
import { roleLabel, statusChip } from './member-status';

describe('statusChip', () => {
  it('uses exactly the words of the spec for each status', () => {
    const statuses: MemberStatus[] = ['invited', 'active', 'expired', 'deactivated'];
    expect(statuses.map((status) => statusChip(status).label)).toEqual(['Invited', 'Active', 'Expired', 'Deactivated']);
  });

  it('gives each status its own tone, so the dot is never the same for two statuses', () => {
    const tones = (['invited', 'active', 'expired', 'deactivated'] as const).map((status) => statusChip(status).tone);
    expect(new Set(tones).size).toBe(4);
    expect(statusChip('expired').tone).toBe('warning');
    expect(statusChip('active').tone).toBe('positive');
  });

  it('tells what to do about an expired invitation', () => {
    expect(statusChip('expired').description).toMatch(/resend/i);
  });

  it('shows an unexpected status as it is rather than breaking the list', () => {
    expect(statusChip('suspended' as MemberStatus)).toMatchObject({ label: 'suspended', tone: 'neutral' });
  });
});

describe('roleLabel', () => {
  it('names the roles the way the UI writes them', () => {
    expect(['owner', 'admin', 'member'].map(roleLabel)).toEqual(['Owner', 'Admin', 'Member']);
  });
});
