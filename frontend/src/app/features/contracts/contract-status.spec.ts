import { recipientStatusText, statusChip } from './contract-status';

describe('contract status words', () => {
  it('gives every status words and an icon, and marks the final ones', () => {
    expect(statusChip('partially_signed')).toEqual({ label: 'Partially signed', icon: 'schedule_send', tone: 'busy' });
    expect(statusChip('completed').tone).toBe('good');
    expect(statusChip('voided').tone).toBe('bad');
  });

  it('says where a recipient stands in plain words', () => {
    expect(recipientStatusText('waiting', 'copy')).toBe('Gets the signed copy');
    expect(recipientStatusText('waiting', 'signer')).toBe('Waiting for their turn');
    expect(recipientStatusText('sent', 'approver')).toBe('Asked to approve');
  });
});
