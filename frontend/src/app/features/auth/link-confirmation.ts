import { inject, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';

export type ConfirmState = 'idle' | 'confirming' | 'confirmed' | 'failed';

/**
 * Spends an emailed link's token when the person presses the button, never on opening the page,
 * because mail scanners fetch links before people do (SPEC §5). Once confirmed, a signed-in
 * person's `me` is read again, since what it shows (the email, the confirmation banner) changed.
 *
 * Create it in a field initializer: it injects the AuthService.
 */
export class LinkConfirmation<T> {
  private readonly auth = inject(AuthService);

  readonly state = signal<ConfirmState>('idle');
  readonly error = signal<string | null>(null);

  constructor(private readonly spend: (token: string) => Observable<T>) {}

  confirm(token: string | undefined, confirmed: (response: T) => void = () => undefined): void {
    if (!token || this.state() === 'confirming') {
      return;
    }
    this.state.set('confirming');
    this.error.set(null);
    this.spend(token).subscribe({
      next: (response) => {
        this.state.set('confirmed');
        confirmed(response);
        if (this.auth.isSignedIn()) {
          this.auth.reloadMe().subscribe({ error: () => undefined });
        }
      },
      error: (error: unknown) => {
        this.state.set('failed');
        this.error.set(toApiError(error).message);
      },
    });
  }
}
