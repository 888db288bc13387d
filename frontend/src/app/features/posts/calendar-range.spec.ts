import {
  calendarPieces,
  calendarRange,
  fromLocalInputValue,
  onDayAtTimeOf,
  shiftAnchor,
  toLocalInputValue,
} from './calendar-range';

describe('calendarRange', () => {
  const now = new Date(2026, 2, 11, 15, 30); // Wednesday 11 March 2026, local time

  it('shows Monday to Sunday around the anchor in week view', () => {
    const range = calendarRange('week', now, now);
    expect(range.days.map((day) => day.key)).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ]);
    expect(range.from).toEqual(new Date(2026, 2, 9));
    expect(range.to).toEqual(new Date(2026, 2, 16));
    expect(range.days.filter((day) => day.isToday).map((day) => day.key)).toEqual(['2026-03-11']);
    expect(range.days.filter((day) => day.isPast).length).toBe(2);
  });

  it('covers the month in whole weeks, marking the days around it', () => {
    const march = calendarRange('month', now, now);
    // 1 March 2026 is a Sunday: the grid starts on Monday 23 February and needs six weeks.
    expect(march.days[0].key).toBe('2026-02-23');
    expect(march.days).toHaveLength(42);
    expect(march.days.filter((day) => day.inMonth)).toHaveLength(31);

    // February 2027 starts on a Monday and fits four weeks exactly.
    const february = calendarRange('month', new Date(2027, 1, 10), now);
    expect(february.days).toHaveLength(28);
    expect(february.days.every((day) => day.inMonth)).toBe(true);
  });

  it('steps by weeks and by months', () => {
    expect(shiftAnchor('week', new Date(2026, 2, 11), -1)).toEqual(new Date(2026, 2, 4));
    expect(shiftAnchor('month', new Date(2026, 0, 31), 1)).toEqual(new Date(2026, 1, 1));
  });
});

describe('local date-time helpers', () => {
  it('keeps the time of day when a post moves to another day', () => {
    const moved = onDayAtTimeOf(new Date(2026, 2, 20), new Date(2026, 2, 11, 9, 45));
    expect(moved).toEqual(new Date(2026, 2, 20, 9, 45));
  });

  it('round-trips the datetime-local format', () => {
    const date = new Date(2026, 2, 11, 9, 5);
    expect(toLocalInputValue(date)).toBe('2026-03-11T09:05');
    expect(fromLocalInputValue('2026-03-11T09:05')).toEqual(date);
    expect(fromLocalInputValue('')).toBeNull();
  });
});

describe('calendarPieces', () => {
  const now = new Date(2026, 2, 11, 15, 30);

  it('asks for a week one day at a time, so a crowded week arrives in seven small answers', () => {
    const week = calendarRange('week', now, now);
    const pieces = calendarPieces(week);
    expect(pieces).toHaveLength(7);
    expect(pieces.map((piece) => piece.from)).toEqual(week.days.map((day) => day.date));
    expect(pieces.map((piece) => piece.to)).toEqual([...week.days.slice(1).map((day) => day.date), week.to]);
  });

  it('asks for a month at once, within the days the server allows', () => {
    // February 2027: four whole weeks, Monday 1 to Sunday 28.
    const month = calendarRange('month', new Date(2027, 1, 10), now);
    expect(calendarPieces(month)).toEqual([{ from: month.from, to: month.to }]);
    expect(calendarPieces(month, 20)).toEqual([
      { from: month.from, to: new Date(month.from.getTime() + 20 * 24 * 60 * 60 * 1000) },
    ]);
  });
});
