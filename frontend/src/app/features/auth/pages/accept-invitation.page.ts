import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnInit,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import {
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  WEB_PATHS,
  type InvitationPreview,
  type MeResponse,
  type TwoFactorChallengeResponse,
} from '@atrium/shared';
import { finalize } from 'rxjs';
import { ActiveClientService } from '../../../core/auth/active-client.service';
import { AuthService } from '../../../core/auth/auth.service';
import { homeFor } from '../../../core/auth/return-url';
import { BrandService } from '../../../core/branding/brand.service';
import { applyServerErrors, serverError, toApiError } from '../../../core/http/api-error';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { roleLabel } from '../../members/member-status';
import { TwoFactorSignInComponent } from '../../two-factor/components/two-factor-sign-in.component';
import { InvitationsApi } from '../data-access/invitations.api';

type View =
  | { readonly kind: 'missing' }
  | { readonly kind: 'loading' }
  /** Unknown token, or one replaced by a resend. */
  | { readonly kind: 'invalid' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'ready'; readonly preview: InvitationPreview };

function matchesPassword(control: AbstractControl): ValidationErrors | null {
  const password: unknown = control.parent?.get('password')?.value;
  return control.value && control.value !== password ? { mismatch: true } : null;
}

/**
 * `/invite?token=…` [001][002]. Opening the link only reads the invitation (preview); the token is
 * spent by "Accept invitation", which sets the password (or checks the current one, for someone
 * who already has an account) and signs the person in.
 */
@Component({
  selector: 'atr-accept-invitation-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    RouterLink,
    NoticeComponent,
    SubmitButtonComponent,
    TwoFactorSignInComponent,
  ],
  templateUrl: './accept-invitation.page.html',
  styles: `
    .state-icon {
      width: 48px;
      height: 48px;
      font-size: 48px;
      color: var(--mat-sys-primary);
    }
    h1 {
      font: var(--mat-sys-headline-small);
      overflow-wrap: anywhere;
    }
    p {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcceptInvitationPage implements OnInit {
  private readonly api = inject(InvitationsApi);
  private readonly auth = inject(AuthService);
  private readonly activeClient = inject(ActiveClientService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly token = input<string | undefined>();

  private readonly brands = inject(BrandService);
  /** Links that stay on the agency's sign-in address when the page is on one. */
  protected readonly loginLink = computed(() => this.brands.signInPath(WEB_PATHS.login));
  protected readonly passwordMin = PASSWORD_MIN_LENGTH;
  protected readonly passwordMax = PASSWORD_MAX_LENGTH;
  protected readonly view = signal<View>({ kind: 'loading' });
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  /** Accepted, and a second step is asked for (a code, or setting it up) before the session opens. */
  protected readonly challenge = signal<TwoFactorChallengeResponse | null>(null);
  protected readonly serverError = serverError;
  protected readonly roleLabel = roleLabel;

  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(NAME_MAX_LENGTH)]],
    password: [
      '',
      [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)],
    ],
    confirmPassword: ['', [Validators.required, matchesPassword]],
  });

  protected readonly preview = computed(() => {
    const view = this.view();
    return view.kind === 'ready' ? view.preview : null;
  });
  protected readonly failedMessage = computed(() => {
    const view = this.view();
    return view.kind === 'failed' ? view.message : '';
  });

  constructor() {
    this.form.controls.password.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.confirmPassword.updateValueAndValidity());
  }

  ngOnInit(): void {
    this.loadPreview();
  }

  protected loadPreview(): void {
    const token = this.token();
    if (!token) {
      this.view.set({ kind: 'missing' });
      return;
    }
    this.view.set({ kind: 'loading' });
    this.api
      .preview(token)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (preview) => this.show(preview),
        error: (error: unknown) => {
          const apiError = toApiError(error);
          this.view.set(
            apiError.statusCode === 404 ? { kind: 'invalid' } : { kind: 'failed', message: apiError.message },
          );
        },
      });
  }

  protected submit(): void {
    const token = this.token();
    if (!token || this.submitting()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    const { name, password } = this.form.getRawValue();
    this.formError.set(null);
    this.submitting.set(true);
    this.auth
      .acceptInvitation({ token, name: name.trim(), password })
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: (outcome) => {
          if (outcome.kind === 'two-factor') {
            this.challenge.set(outcome.challenge);
          } else {
            this.enter(outcome.me);
          }
        },
        error: (error: unknown) => {
          const apiError = toApiError(error);
          if (apiError.statusCode === 404) {
            this.view.set({ kind: 'invalid' });
          } else if (apiError.statusCode === 410) {
            // Expired, revoked or accepted meanwhile: the preview says which, in the page's words.
            this.loadPreview();
          } else {
            this.formError.set(applyServerErrors(this.form, apiError));
            focusFirstInvalid(this.host.nativeElement);
          }
        },
      });
  }

  protected enter(me: MeResponse): void {
    // Someone who already works with another client lands on the one they just joined.
    const joined = me.clients.find((client) => client.name === this.preview()?.clientName);
    if (joined) {
      this.activeClient.select(joined.id);
    }
    void this.router.navigateByUrl(homeFor(me.audience));
  }

  /**
   * Back from the second step: the invitation is read again, since it may be accepted by now
   * (then the page offers to sign in) or still open; the reason, when there is one, stays above.
   */
  protected restart(message: string | null): void {
    this.challenge.set(null);
    this.form.controls.password.reset('');
    this.formError.set(message);
    this.loadPreview();
  }

  private show(preview: InvitationPreview): void {
    const { name, password, confirmPassword } = this.form.controls;
    if (!name.dirty) {
      name.setValue(preview.name);
    }
    if (preview.existingAccount) {
      // Their current password: whatever it is, the server checks it; no length rules here.
      password.setValidators([Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]);
      confirmPassword.disable();
    } else {
      password.setValidators([
        Validators.required,
        Validators.minLength(PASSWORD_MIN_LENGTH),
        Validators.maxLength(PASSWORD_MAX_LENGTH),
      ]);
      confirmPassword.enable();
    }
    password.updateValueAndValidity();
    this.view.set({ kind: 'ready', preview });
  }
}
