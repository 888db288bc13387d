import { derivePostStatus, publicTargetStatus } from './post-status';

describe('derivePostStatus', () => {
  it.each([
    [['pending', 'pending'], 'scheduled'],
    [['queued', 'pending'], 'publishing'],
    [['published', 'pending'], 'publishing'],
    [['published', 'published'], 'published'],
    [['published', 'failed'], 'failed'],
    [['failed'], 'failed'],
    [['cancelled', 'cancelled'], 'cancelled'],
    [['draft'], 'draft'],
    [['sending'], 'publishing'],
    [['held', 'held'], 'scheduled'],
    [['held', 'published'], 'publishing'],
    [['held', 'cancelled'], 'scheduled'],
  ] as const)('%j → %s', (states, expected) => {
    expect(derivePostStatus([...states], 'draft')).toBe(expected);
  });

  it('keeps the stored status of a post without targets (a draft with no accounts yet)', () => {
    expect(derivePostStatus([], 'draft')).toBe('draft');
  });

  it('shows queued and sending targets as publishing', () => {
    expect(publicTargetStatus('queued')).toBe('publishing');
    expect(publicTargetStatus('sending')).toBe('publishing');
    expect(publicTargetStatus('pending')).toBe('scheduled');
  });

  it("shows a target waiting for the client's approval as scheduled", () => {
    expect(publicTargetStatus('held')).toBe('scheduled');
  });
});
