import { isInstant } from './is-iso-datetime';

describe('isInstant', () => {
  it.each(['2026-11-23T14:05:00Z', '2026-11-23T14:05Z', '2026-11-23T14:05:00.123+01:00', '2026-03-29T02:30:00-04:00'])(
    'accepts %s',
    (value) => expect(isInstant(value)).toBe(true),
  );

  it.each(['2025-W10-1', '20250101', '2026-11-23', '2026-11-23T14:05:00', '2026-13-45T99:99:00Z', '', 42, null])(
    'refuses %s',
    (value) => expect(isInstant(value)).toBe(false),
  );
});
