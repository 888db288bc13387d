import { ClipboardModule } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { CustomDomainStatus, CustomDomainView, DnsRecordInstruction } from '@atrium/shared';
import { filter, finalize, switchMap } from 'rxjs';
import { applyServerErrors, serverError, toApiError } from '../../../core/http/api-error';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { ToastService } from '../../../core/ui/toast.service';
import { DomainsApi } from '../data-access/domains.api';

/** Each status in words (never by colour alone) and what it means for the agency's clients. */
const STATUS: Record<CustomDomainStatus, { label: string; icon: string; meaning: string }> = {
  pending: {
    label: 'Waiting for the TXT record',
    icon: 'hourglass_empty',
    meaning: 'Your clients keep using your sign-in address until the records below are found.',
  },
  verified: {
    label: 'Ownership proved',
    icon: 'verified',
    meaning: 'The TXT record is right. Create the CNAME record so your clients reach the portal at this domain.',
  },
  active: {
    label: 'Active',
    icon: 'check_circle',
    meaning: 'Your clients sign in at this domain, and emails to them link to it.',
  },
  failing: {
    label: 'Record missing',
    icon: 'error',
    meaning: 'The TXT record is gone. Put it back before the date below, or the domain stops being used.',
  },
};

/**
 * Settings > Branding > Custom domain: the agency enters its own domain, is shown the two DNS
 * records to create (a CNAME for routing, a TXT on a separate name for ownership) with whether
 * each was found, and checks them. Owners and admins change it; members read it.
 */
@Component({
  selector: 'atr-custom-domain-panel',
  imports: [
    ClipboardModule,
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    NoticeComponent,
    SubmitButtonComponent,
  ],
  template: `
    <section class="domain" aria-labelledby="custom-domain-title">
      <h2 id="custom-domain-title">Custom domain</h2>
      @if (!entitled()) {
        <p class="muted">
          Your plan does not include a custom domain. Upgrade to let your clients sign in at your own address, like
          portal.your-agency.com.
        </p>
      } @else {
        <p class="muted">
          Let your clients reach their portal at your own address, like portal.your-agency.com, instead of the sign-in
          address above.
        </p>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading the custom domain" />
        }
        <atr-notice [message]="error()" kind="error" />

        @if (domain(); as d) {
          <div class="domain__summary">
            <p class="domain__name">{{ d.hostname }}</p>
            <p class="domain__status" [attr.data-status]="d.status">
              <mat-icon aria-hidden="true">{{ status()!.icon }}</mat-icon>
              <span>{{ status()!.label }}</span>
            </p>
            <p>{{ status()!.meaning }}</p>
            @if (d.stopsServingAt) {
              <p>
                <strong>Stops being used on {{ d.stopsServingAt | date: 'medium' }}</strong> unless the TXT record comes
                back.
              </p>
            }
            <atr-notice [message]="d.problem" kind="warning" />
          </div>

          <h3>DNS records to create at your domain's DNS provider</h3>
          <ul class="records">
            @for (record of d.records; track record.type) {
              <li class="record">
                <p class="record__head">
                  <span class="record__type">{{ record.type }} record</span>
                  <span class="record__found" [class.record__found--yes]="record.found">
                    <mat-icon aria-hidden="true">{{ record.found ? 'check' : 'schedule' }}</mat-icon>
                    {{ record.found ? 'Found' : 'Not found yet' }}
                  </span>
                </p>
                <p class="record__why">{{ purpose(record) }}</p>
                <dl>
                  <div class="record__row">
                    <dt>Name</dt>
                    <dd>
                      <code>{{ record.name }}</code>
                      <button
                        mat-icon-button
                        type="button"
                        [cdkCopyToClipboard]="record.name"
                        (cdkCopyToClipboardCopied)="copied($event, record.type + ' record name')"
                        [attr.aria-label]="'Copy the ' + record.type + ' record name'"
                      >
                        <mat-icon aria-hidden="true">content_copy</mat-icon>
                      </button>
                    </dd>
                  </div>
                  <div class="record__row">
                    <dt>{{ record.type === 'CNAME' ? 'Points to' : 'Value' }}</dt>
                    <dd>
                      <code>{{ record.value }}</code>
                      <button
                        mat-icon-button
                        type="button"
                        [cdkCopyToClipboard]="record.value"
                        (cdkCopyToClipboardCopied)="copied($event, record.type + ' record value')"
                        [attr.aria-label]="'Copy the ' + record.type + ' record value'"
                      >
                        <mat-icon aria-hidden="true">content_copy</mat-icon>
                      </button>
                    </dd>
                  </div>
                </dl>
              </li>
            }
          </ul>
          <p class="muted">
            A domain without a subdomain (like your-agency.com) cannot have a CNAME record: give it the same A and AAAA
            addresses as {{ d.records[0].value }} instead. DNS changes can take from minutes to a few hours to show; we
            check again regularly.
          </p>
          <p class="muted">
            @if (d.lastCheckedAt) {
              Last checked {{ d.lastCheckedAt | date: 'medium' }}.
            } @else {
              Not checked yet.
            }
          </p>
          <atr-notice [message]="checkResult()" kind="info" />

          @if (canEdit()) {
            <div class="actions">
              <button
                mat-flat-button
                type="button"
                (click)="check()"
                [disabled]="busy()"
                [attr.aria-busy]="checking() ? 'true' : null"
              >
                <mat-icon aria-hidden="true">refresh</mat-icon>
                Check now
              </button>
              <button mat-stroked-button type="button" (click)="remove(d)" [disabled]="busy()">Remove domain</button>
            </div>
          }
        } @else if (!loading() && !error() && !canEdit()) {
          <p>No custom domain is set. An owner or admin can add one.</p>
        }

        @if (canEdit() && !loading()) {
          <form class="set-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
            <atr-notice [message]="formError()" kind="error" />
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ domain() ? 'Use a different domain' : 'Your domain' }}</mat-label>
              <input
                matInput
                formControlName="hostname"
                maxlength="253"
                autocomplete="off"
                spellcheck="false"
                inputmode="url"
                placeholder="portal.your-agency.com"
              />
              <mat-hint>Only the name: no https:// and no path.</mat-hint>
              @if (form.controls.hostname.hasError('required')) {
                <mat-error>Enter the domain name your clients will use.</mat-error>
              } @else if (serverError(form.controls.hostname); as message) {
                <mat-error>{{ message }}</mat-error>
              }
            </mat-form-field>
            <div class="actions">
              <atr-submit-button [busy]="saving()" [disabled]="busy()">
                {{ domain() ? 'Change domain' : 'Use this domain' }}
              </atr-submit-button>
            </div>
          </form>
        }
      }
    </section>
  `,
  styles: `
    .domain {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: 0;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
      @media (min-width: 600px) {
        padding: 24px;
      }
    }
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-large);
    }
    h3 {
      margin: 16px 0 0;
      font: var(--mat-sys-title-medium);
    }
    p {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .domain__name {
      font: var(--mat-sys-title-medium);
    }
    .domain__status {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      font-weight: 500;
    }
    .domain__status[data-status='active'] mat-icon {
      color: var(--mat-sys-primary);
    }
    .domain__status[data-status='failing'] mat-icon {
      color: var(--mat-sys-error);
    }
    .domain__summary {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .records {
      display: flex;
      flex-direction: column;
      gap: 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .record {
      padding: 12px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
      min-width: 0;
    }
    .record__head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 8px;
      font-weight: 500;
    }
    .record__found {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .record__found mat-icon {
      font-size: 20px;
      width: 20px;
      height: 20px;
    }
    .record__found--yes {
      color: var(--mat-sys-primary);
    }
    .record__why {
      margin: 4px 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    dl {
      margin: 0;
    }
    .record__row {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      @media (min-width: 600px) {
        grid-template-columns: 6rem minmax(0, 1fr);
        align-items: center;
      }
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      display: flex;
      align-items: center;
      gap: 4px;
      margin: 0;
      min-width: 0;
    }
    code {
      overflow-wrap: anywhere;
      min-width: 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .set-form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CustomDomainPanelComponent {
  private readonly api = inject(DomainsApi);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  /** Owners and admins; members see the domain read-only. */
  readonly canEdit = input(false);
  /** Whether the plan includes a custom domain (`BrandingResponse.entitlements.customDomain`). */
  readonly entitled = input(true);
  /** The domain after every change, so the page can refresh the portal address it shows. */
  readonly changed = output<CustomDomainView | null>();

  protected readonly domain = signal<CustomDomainView | null>(null);
  protected readonly loading = signal(false);
  protected readonly saving = signal(false);
  protected readonly checking = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly checkResult = signal<string | null>(null);
  protected readonly busy = computed(() => this.saving() || this.checking());
  protected readonly status = computed(() => {
    const current = this.domain();
    return current ? STATUS[current.status] : null;
  });
  protected readonly serverError = serverError;

  protected readonly form = inject(FormBuilder).nonNullable.group({
    hostname: ['', [Validators.required, Validators.maxLength(253)]],
  });

  constructor() {
    effect(() => {
      if (this.entitled()) untracked(() => this.load());
    });
  }

  protected purpose(record: DnsRecordInstruction): string {
    return record.type === 'CNAME'
      ? 'Routes your domain to the portal.'
      : 'Proves the domain is yours. It sits on its own name so it never gets in the way of the CNAME record.';
  }

  protected copied(done: boolean, what: string): void {
    this.toast.show(done ? `Copied the ${what}.` : `Could not copy the ${what}. Select it and copy it by hand.`);
  }

  protected save(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.saving.set(true);
    this.formError.set(null);
    this.checkResult.set(null);
    this.api
      .set(this.form.controls.hostname.value)
      .pipe(
        finalize(() => this.saving.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (view) => {
          this.form.reset();
          this.show(view);
          this.toast.show(`Now create the two DNS records for ${view.hostname}, then check them.`);
        },
        error: (error: unknown) => this.formError.set(applyServerErrors(this.form, toApiError(error))),
      });
  }

  protected check(): void {
    if (this.busy()) return;
    this.checking.set(true);
    this.checkResult.set(null);
    this.error.set(null);
    this.api
      .check()
      .pipe(
        finalize(() => this.checking.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (view) => {
          this.show(view);
          this.checkResult.set(`Checked just now: ${STATUS[view.status].label.toLowerCase()}.`);
        },
        error: (error: unknown) => {
          const problem = toApiError(error);
          this.error.set(problem.message);
          // The claim is gone (another agency proved the domain first): show the empty form.
          if (problem.statusCode === 404 || problem.statusCode === 409) this.show(null);
        },
      });
  }

  protected remove(current: CustomDomainView): void {
    confirmAction(this.dialog, {
      title: `Remove ${current.hostname}?`,
      message: 'Your clients go back to your sign-in address at once.',
      consequences: [
        `Clients signed in at ${current.hostname} are signed out there.`,
        'Links in emails you already sent that point to this domain stop working.',
        'Adding the domain again gives it a new TXT value to publish.',
      ],
      confirmLabel: 'Remove domain',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.saving.set(true);
          return this.api.remove().pipe(finalize(() => this.saving.set(false)));
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.show(null);
          this.toast.show(`${current.hostname} is no longer used for your portal.`);
        },
        error: (error: unknown) => this.error.set(toApiError(error).message),
      });
  }

  private load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api
      .get()
      .pipe(
        finalize(() => this.loading.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (view) => this.domain.set(view),
        error: (error: unknown) => this.error.set(toApiError(error).message),
      });
  }

  private show(view: CustomDomainView | null): void {
    this.domain.set(view);
    this.changed.emit(view);
  }
}
