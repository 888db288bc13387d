import { signal } from '@angular/core';
import { REALTIME_EVENTS } from '@atrium/shared';
import { Observable, Subject } from 'rxjs';

/** A RealtimeService stand-in: tests push events and (re)connections by hand. */
export class FakeRealtime {
  readonly subjects = new Map<string, Subject<unknown>>(
    Object.values(REALTIME_EVENTS).map((name) => [name, new Subject<unknown>()]),
  );
  readonly connects = new Subject<void>();
  readonly connects$ = this.connects.asObservable();
  readonly live = signal(true);

  on<T>(event: string): Observable<T> {
    return this.subject(event).asObservable() as Observable<T>;
  }

  emit(event: string, payload: unknown): void {
    this.subject(event).next(payload);
  }

  private subject(event: string): Subject<unknown> {
    const subject = this.subjects.get(event);
    if (!subject) throw new Error(`No such event: ${event}`);
    return subject;
  }
}
