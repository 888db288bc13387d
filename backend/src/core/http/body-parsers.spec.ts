import { jsonNestingDepth } from './body-parsers';

describe('jsonNestingDepth', () => {
  const depth = (text: string) => jsonNestingDepth(Buffer.from(text));

  it('counts nested objects and arrays', () => {
    expect(depth('1')).toBe(0);
    expect(depth('{}')).toBe(1);
    expect(depth('{"a":[1,{"b":[]}],"c":{}}')).toBe(4);
    expect(depth('['.repeat(5000) + ']'.repeat(5000))).toBe(5000);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(depth('{"a":"[[[{{{"}')).toBe(1);
    expect(depth('{"a":"\\"[[[","b":"\\\\"}')).toBe(1);
    expect(depth('["é[", "\\u005b"]')).toBe(1);
  });
});
