import { QueryFailedError } from 'typeorm';
import { asDatabaseFault, DATABASE_BUSY_MESSAGE, DATABASE_UNAVAILABLE_MESSAGE } from './database-faults';

function queryFailed(code: string): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], Object.assign(new Error(code), { code }));
}

describe('asDatabaseFault', () => {
  it('answers 503 for a server that cannot be reached or did not answer in time', () => {
    for (const code of ['ECONNREFUSED', 'ETIMEDOUT', 'PROTOCOL_SEQUENCE_TIMEOUT', 'PROTOCOL_CONNECTION_LOST']) {
      const fault = asDatabaseFault(queryFailed(code));
      expect(fault?.getStatus()).toBe(503);
      expect(fault?.message).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    }
    expect(asDatabaseFault(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))?.getStatus()).toBe(503);
  });

  it('answers 503 "busy" for a deadlock that outlived its retries', () => {
    expect(asDatabaseFault(queryFailed('ER_LOCK_DEADLOCK'))?.message).toBe(DATABASE_BUSY_MESSAGE);
  });

  it('leaves every other error to its own mapping', () => {
    expect(asDatabaseFault(queryFailed('ER_DUP_ENTRY'))).toBeNull();
    expect(asDatabaseFault(new Error('boom'))).toBeNull();
  });
});
