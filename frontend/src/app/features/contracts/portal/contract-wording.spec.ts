import type { ApiError } from '@atrium/shared';
import {
  actedMessage,
  actionErrorMessage,
  contractDate,
  contractFilename,
  contractSituation,
  progressText,
  recipientStatusText,
  roleWords,
  statusLabel,
  type SituationInput,
} from './contract-wording';
import { contractView, recipient } from './testing/contract-fixtures';

describe('contract wording', () => {
  it('writes dates in the person’s time zone, and nothing for no date', () => {
    expect(contractDate('2026-03-02T23:30:00Z', 'Europe/Berlin')).toBe('Mar 3, 2026');
    expect(contractDate('2026-03-02T23:30:00Z', 'America/New_York')).toBe('Mar 2, 2026');
    expect(contractDate(null, 'UTC')).toBe('');
    expect(contractDate('not a date', 'UTC')).toBe('');
    expect(contractDate('2026-03-02T12:00:00Z', 'Mars/Olympus')).toContain('2026');
  });

  it('counts signatures in words and labels statuses plainly', () => {
    expect(progressText({ done: 2, total: 3 })).toBe('2 of 3 signed');
    expect(progressText({ done: 0, total: 0 })).toBe('');
    expect(statusLabel('partially_signed')).toBe('Partially signed');
    expect(roleWords('approver')).toBe('Approves');
    expect(roleWords('copy')).toBe('Gets a copy');
  });

  describe('recipientStatusText', () => {
    it('says whose turn it is, without jargon', () => {
      expect(recipientStatusText(recipient({ status: 'waiting', isMe: false }), 'sent')).toBe('Waiting for their turn');
      expect(recipientStatusText(recipient({ status: 'waiting' }), 'sent')).toBe('Waiting for your turn');
      expect(recipientStatusText(recipient({ status: 'sent' }), 'sent')).toBe('Waiting for your signature');
      expect(recipientStatusText(recipient({ status: 'viewed', isMe: false }), 'sent')).toBe(
        'Opened it, waiting for their signature',
      );
      expect(recipientStatusText(recipient({ status: 'sent', role: 'approver', isMe: false }), 'sent')).toBe(
        'Waiting for their approval',
      );
      expect(recipientStatusText(recipient({ role: 'copy', status: 'waiting' }), 'partially_signed')).toBe(
        'Gets a copy when everyone has signed',
      );
    });

    it('says when someone acted, in the person’s time zone', () => {
      const signed = recipient({ status: 'signed', actedAt: '2026-03-03T13:05:00Z' });
      expect(recipientStatusText(signed, 'completed', 'Europe/Lisbon')).toMatch(/^Signed on Mar 3, 2026, 1:05\sPM/);
      expect(recipientStatusText(recipient({ status: 'approved', actedAt: null }), 'completed')).toBe('Approved');
    });

    it('says who did not get to sign once the contract stopped', () => {
      expect(recipientStatusText(recipient({ status: 'sent', isMe: false }), 'voided')).toBe('Did not sign');
      expect(recipientStatusText(recipient({ status: 'waiting', role: 'approver' }), 'declined')).toBe(
        'Did not approve',
      );
      expect(recipientStatusText(recipient({ status: 'waiting', role: 'copy' }), 'expired')).toBe('No copy sent');
    });
  });

  it('names downloads like the server does, without characters file systems refuse', () => {
    expect(contractFilename('Service agreement', 'signed')).toBe('Service agreement - signed.pdf');
    expect(contractFilename('NDA: 2026/27 "final"', 'certificate')).toBe('NDA 2026 27 final - signing certificate.pdf');
    expect(contractFilename('  ', 'voided')).toBe('Contract - voided.pdf');
    expect(contractFilename('x'.repeat(200), 'original')).toBe(`${'x'.repeat(120)}.pdf`);
  });

  it('turns validation details into sentences and keeps plain refusals as they are', () => {
    const invalid: ApiError = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid input: signature, values',
      details: [
        { field: 'signature', messages: ['add your signature'] },
        { field: 'values', messages: ['fill in Company'] },
      ],
    };
    expect(actionErrorMessage(invalid)).toBe('Add your signature. Fill in Company.');
    const notYourTurn: ApiError = {
      statusCode: 409,
      error: 'Conflict',
      message: 'It is not your turn yet: others sign before you. You will get an email when it is.',
    };
    expect(actionErrorMessage(notYourTurn)).toBe(notYourTurn.message);
  });
});

describe('contractSituation', () => {
  const base = (overrides: Partial<SituationInput> = {}): SituationInput => ({
    view: contractView(),
    me: recipient(),
    agencyName: 'Acme Agency',
    timeZone: 'UTC',
    now: Date.parse('2026-03-05T12:00:00Z'),
    ...overrides,
  });

  it('asks the signer to sign, with a way to the first field', () => {
    expect(contractSituation(base())).toEqual({
      kind: 'info',
      message: 'Acme Agency asks you to sign this contract. Read it, fill in your highlighted fields, then press Sign.',
      action: 'start',
    });
    const approver = contractSituation(base({ me: recipient({ role: 'approver' }) }));
    expect(approver.message).toContain('asks you to approve');
    expect(approver.action).toBeUndefined();
  });

  it('tells someone whose turn has not come that they will be emailed', () => {
    const situation = contractSituation(
      base({ view: contractView({ awaitingMe: false }), me: recipient({ status: 'waiting' }) }),
    );
    expect(situation.message).toBe("Others sign before you; we'll email you when it's your turn.");
  });

  it('confirms a signature already given while others still sign', () => {
    const situation = contractSituation(
      base({
        view: contractView({ awaitingMe: false, status: 'partially_signed' }),
        me: recipient({ status: 'signed', actedAt: '2026-03-03T10:00:00Z' }),
      }),
    );
    expect(situation).toEqual({
      kind: 'success',
      message: "You signed it on Mar 3, 2026. We'll email you the signed copy when everyone has signed.",
    });
  });

  it('explains a contract that was not sent to the person', () => {
    expect(contractSituation(base({ me: null, view: contractView({ awaitingMe: false }) })).message).toBe(
      'This contract was not sent to you to sign. You can see it because you are an administrator of Blue Harbor.',
    );
  });

  it('offers to look again while the signed copy is prepared', () => {
    const completed = { status: 'completed' as const, completedAt: '2026-03-04T10:00:00Z', awaitingMe: false };
    expect(contractSituation(base({ view: contractView({ ...completed, sealState: 'sealing' }) }))).toMatchObject({
      kind: 'info',
      action: 'check-again',
    });
    expect(contractSituation(base({ view: contractView({ ...completed, sealState: 'sealed' }) }))).toEqual({
      kind: 'success',
      message: 'Everyone signed on Mar 4, 2026. You can download the signed copy and its signing certificate.',
    });
  });

  it('says who declined and why, who withdrew it, and when it expired', () => {
    const declined = contractView({
      status: 'declined',
      awaitingMe: false,
      declinedByName: 'Ben Ode',
      declineReason: 'Wrong price',
    });
    expect(contractSituation(base({ view: declined })).message).toBe(
      'Ben Ode declined this contract, saying: “Wrong price”. Nobody can sign it any more.',
    );
    expect(contractSituation(base({ view: declined, me: recipient({ status: 'declined' }) })).message).toMatch(
      /^You declined this contract/,
    );
    const voided = contractView({ status: 'voided', awaitingMe: false, voidReason: 'Sent by mistake' });
    expect(contractSituation(base({ view: voided })).message).toBe(
      'Acme Agency withdrew this contract, saying: “Sent by mistake”. Nobody can sign it any more.',
    );
    const expired = contractView({ status: 'expired', awaitingMe: false, expiresAt: '2026-03-01T00:00:00Z' });
    expect(contractSituation(base({ view: expired })).message).toBe(
      'This contract expired on Mar 1, 2026 before everyone had signed. Nobody can sign it any more; ask Acme Agency if you still need it.',
    );
    // Past its date but not yet marked by the server: the same words.
    const late = contractView({ expiresAt: '2026-03-04T00:00:00Z' });
    expect(contractSituation(base({ view: late })).message).toMatch(/^This contract expired on Mar 4, 2026/);
  });

  it('confirms what the person just did, and what happens next', () => {
    expect(actedMessage('sign', 'Service agreement', { status: 'partially_signed' }, 'Acme Agency')).toBe(
      "You signed “Service agreement”. We'll email you the signed copy when everyone has signed.",
    );
    expect(actedMessage('approve', 'NDA', { status: 'completed' }, 'Acme Agency')).toMatch(
      /^You approved “NDA”. Everyone has now signed/,
    );
    expect(actedMessage('decline', 'NDA', { status: 'declined' }, 'Acme Agency')).toBe(
      'You declined “NDA”. Acme Agency and the other people on it have been told.',
    );
    expect(actedMessage('decline', 'NDA', { status: 'declined', declineReason: 'Too dear' }, 'Acme Agency')).toBe(
      'You declined “NDA”, saying: “Too dear”. Acme Agency and the other people on it have been told.',
    );
  });
});
