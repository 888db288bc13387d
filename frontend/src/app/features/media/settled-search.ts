import { DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { FormControl } from '@angular/forms';
import { Observable, debounceTime, distinctUntilChanged, map } from 'rxjs';

/** Typing settles for this long before a search runs. */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * What a filename search field asks for once typing settles: trimmed, and only when it changed
 * (so "cups" and "cups " do not load the list twice). Ends with the component; call it where
 * `inject()` works (a constructor or a field initialiser), or pass the DestroyRef.
 */
export function settledSearch(
  field: FormControl<string>,
  destroyRef: DestroyRef = inject(DestroyRef),
): Observable<string> {
  return field.valueChanges.pipe(
    debounceTime(SEARCH_DEBOUNCE_MS),
    map((value) => value.trim()),
    distinctUntilChanged(),
    takeUntilDestroyed(destroyRef),
  );
}
