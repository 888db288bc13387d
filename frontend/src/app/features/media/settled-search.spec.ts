import { DestroyRef, EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { SEARCH_DEBOUNCE_MS, settledSearch } from './settled-search';

describe('settledSearch', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('asks once typing settles, trimmed, not again for the same words, and stops with its owner', () => {
    // Stands for the component that owns the field.
    const owner = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const field = new FormControl('', { nonNullable: true });
    const searches: string[] = [];
    settledSearch(field, owner.get(DestroyRef)).subscribe((q) => searches.push(q));

    field.setValue('c');
    field.setValue('cu');
    field.setValue('cups ');
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    expect(searches).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(searches).toEqual(['cups']);

    field.setValue('cups');
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(searches).toEqual(['cups']);

    owner.destroy();
    field.setValue('beans');
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(searches).toEqual(['cups']);
  });
});
