/**
 * An error body without its `requestId`, which differs on every request: for comparing two answers
 * that must be the same (no enumeration, foreign and unknown ids alike). It must have had one.
 */
export function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId, ...rest } = body;
  expect(typeof requestId).toBe('string');
  return rest;
}
