import { Observable, catchError, map, of, startWith } from 'rxjs';
import type { ApiError } from '@atrium/shared';
import { toApiError } from './api-error';

/** What a page shows while it reads data: a designed loading, error and ready state. */
export type LoadState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error'; readonly error: ApiError };

export function toLoadState<T>(source: Observable<T>): Observable<LoadState<T>> {
  return source.pipe(
    map((value): LoadState<T> => ({ status: 'ready', value })),
    catchError((error: unknown) => of<LoadState<T>>({ status: 'error', error: toApiError(error) })),
    startWith<LoadState<T>>({ status: 'loading' }),
  );
}
