import { ClipboardModule } from '@angular/cdk/clipboard';
import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { EMAIL_MAX_LENGTH, deriveBrandTheme, type BrandImageSlot, type BrandingResponse } from '@atrium/shared';
import { filter, finalize, switchMap } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { applyServerErrors, serverError, toApiError } from '../../../core/http/api-error';
import { toLoadState, type LoadState } from '../../../core/http/load-state';
import { confirmAction } from '../../../core/ui/confirm-dialog.component';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { SubmitButtonComponent } from '../../../core/ui/submit-button.component';
import { ToastService } from '../../../core/ui/toast.service';
import { formValueOf, hexColorValidator, previewBrandOf, updateRequestOf, type BrandFormValue } from '../brand-draft';
import { BrandImageFieldComponent } from '../components/brand-image-field.component';
import { BrandPreviewComponent } from '../components/brand-preview.component';
import { ColorFieldComponent } from '../components/color-field.component';
import { CustomDomainPanelComponent } from '../components/custom-domain-panel.component';
import { BrandingApi } from '../data-access/branding.api';

const IMAGE_SLOTS: readonly { slot: BrandImageSlot; label: string; hint: string }[] = [
  {
    slot: 'logoLight',
    label: 'Logo',
    hint: 'On light backgrounds: the portal bar, sign-in page and emails. Wide works best.',
  },
  {
    slot: 'logoDark',
    label: 'Logo for dark backgrounds',
    hint: 'Used when a client’s device shows pages in dark colours.',
  },
  { slot: 'icon', label: 'Icon', hint: 'The browser tab icon. A square image, at least 512 pixels wide.' },
  { slot: 'signInImage', label: 'Sign-in image', hint: 'Shown beside the sign-in form on wide screens.' },
];

/**
 * Settings > Branding: what the agency's clients see instead of Atrium — name, colours, images,
 * sign-in page text, support contact, email sender — with a live preview themed with the scheme
 * derived as the colours are typed. Owners and admins change it; members see it read-only.
 */
@Component({
  selector: 'atr-branding-page',
  imports: [
    ClipboardModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    ReactiveFormsModule,
    BrandImageFieldComponent,
    BrandPreviewComponent,
    ColorFieldComponent,
    CustomDomainPanelComponent,
    NoticeComponent,
    SubmitButtonComponent,
  ],
  providers: [OUTLINED_FIELDS],
  templateUrl: './branding.page.html',
  styleUrl: './branding.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BrandingPage {
  private readonly api = inject(BrandingApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly toast = inject(ToastService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);
  private readonly origin = inject(DOCUMENT).location.origin;

  protected readonly imageSlots = IMAGE_SLOTS;
  protected readonly emailMax = EMAIL_MAX_LENGTH;
  protected readonly state = signal<LoadState<BrandingResponse>>({ status: 'loading' });
  protected readonly branding = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? `We could not load your brand. ${state.error.message}` : null;
  });
  protected readonly canEdit = computed(() => this.branding()?.canEdit ?? false);
  protected readonly mayHidePoweredBy = computed(() => this.branding()?.entitlements.hidePoweredBy ?? false);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    portalName: ['', [Validators.maxLength(120)]],
    primaryColor: ['', [Validators.required, hexColorValidator]],
    accentColor: ['', [hexColorValidator]],
    signInHeadline: ['', [Validators.maxLength(120)]],
    signInText: ['', [Validators.maxLength(500)]],
    supportEmail: ['', [Validators.email, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    supportUrl: ['', [Validators.maxLength(500), Validators.pattern(/^\s*(https?:\/\/\S+)?\s*$/i)]],
    legalFooter: ['', [Validators.maxLength(500)]],
    emailSenderName: ['', [Validators.maxLength(120), Validators.pattern(/^[^<>"]*$/)]],
    emailReplyTo: ['', [Validators.email, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    showPoweredBy: [true],
  });
  protected readonly slugForm = inject(FormBuilder).nonNullable.group({
    slug: ['', [Validators.required, Validators.pattern(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/)]],
  });
  protected readonly serverError = serverError;

  /** The form as it stands, for the live preview and the colour notes. */
  private readonly draft = signal<BrandFormValue>(this.form.getRawValue());
  /** Images chosen, not saved yet: shown in the preview. */
  protected readonly pendingImages = signal<Partial<Record<BrandImageSlot, string>>>({});
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly slugSaving = signal(false);
  protected readonly slugError = signal<string | null>(null);
  protected readonly copied = signal<string | null>(null);

  protected readonly previewBrand = computed(() => {
    const branding = this.branding();
    return previewBrandOf(this.draft(), {
      agencyName: this.auth.me()?.agency.name ?? '',
      slug: branding?.slug ?? '',
      images: branding?.images ?? {},
      lastPrimary: branding?.settings.primaryColor ?? '#3f51b5',
      mayHidePoweredBy: this.mayHidePoweredBy(),
    });
  });
  protected readonly previewTheme = computed(() => {
    const brand = this.previewBrand();
    return deriveBrandTheme(brand.primaryColor, brand.accentColor);
  });
  /** Plain words when a colour had to be adjusted to stay readable: as the colours are typed. */
  protected readonly colorNotes = computed(() => this.previewTheme().notes.join(' ') || null);
  protected readonly signInUrl = computed(() => {
    const slug = this.branding()?.slug;
    return slug ? `${this.origin}/a/${slug}/login` : '';
  });
  /** The custom domain, when clients reach the portal there rather than at the sign-in address. */
  protected readonly customPortalUrl = computed(() => {
    const branding = this.branding();
    return branding && !branding.portalUrl.startsWith(this.origin) ? branding.portalUrl : null;
  });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.draft.set(this.form.getRawValue()));
    this.load();
  }

  protected load(): void {
    this.api
      .get()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => {
        this.state.set(state);
        if (state.status === 'ready') this.show(state.value);
      });
  }

  protected save(): void {
    const branding = this.branding();
    if (!branding || !branding.canEdit || this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.formError.set(null);
    this.saving.set(true);
    this.api
      .update(updateRequestOf(this.form.getRawValue(), branding.entitlements.hidePoweredBy))
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (response) => {
          this.state.set({ status: 'ready', value: response });
          this.show(response);
          this.toast.show('Brand saved. Your clients see it from now on.');
        },
        error: (error: unknown) => {
          this.formError.set(applyServerErrors(this.form, toApiError(error)));
          focusFirstInvalid(this.host.nativeElement);
        },
      });
  }

  /** An image was uploaded or removed: the rest of the form keeps what is being typed. */
  protected imagesChanged(response: BrandingResponse): void {
    this.state.set({ status: 'ready', value: response });
  }

  protected imagePending(slot: BrandImageSlot, url: string | null): void {
    this.pendingImages.update((images) => {
      const next = { ...images };
      if (url) next[slot] = url;
      else delete next[slot];
      return next;
    });
  }

  /** The custom domain changed: the portal address may have too (the form keeps what is typed). */
  protected domainChanged(): void {
    this.api
      .get()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (fresh) => {
          const current = this.branding();
          if (current) this.state.set({ status: 'ready', value: { ...current, portalUrl: fresh.portalUrl } });
        },
        error: () => undefined,
      });
  }

  protected changeSlug(): void {
    const branding = this.branding();
    if (!branding || this.slugSaving()) return;
    if (this.slugForm.invalid) {
      this.slugForm.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    const slug = this.slugForm.controls.slug.value.trim().toLowerCase();
    if (slug === branding.slug) return;
    this.slugError.set(null);
    confirmAction(this.dialog, {
      title: 'Change the sign-in address?',
      message: `Your clients will sign in at ${this.origin}/a/${slug}/login.`,
      consequences: [
        `The old address, ${this.signInUrl()}, stops working at once: links in emails already sent will not open.`,
        'You can change the address only once.',
      ],
      confirmLabel: 'Change address',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.slugSaving.set(true);
          return this.api.changeSlug(slug).pipe(finalize(() => this.slugSaving.set(false)));
        }),
      )
      .subscribe({
        next: (response) => {
          this.state.set({ status: 'ready', value: response });
          this.slugForm.reset({ slug: response.slug });
          this.toast.show('Sign-in address changed.');
        },
        error: (error: unknown) => this.slugError.set(applyServerErrors(this.slugForm, toApiError(error))),
      });
  }

  protected onCopied(success: boolean): void {
    this.copied.set(success ? 'Sign-in address copied.' : 'Could not copy. Select the address and copy it yourself.');
  }

  private show(branding: BrandingResponse): void {
    this.form.reset(formValueOf(branding.settings));
    this.slugForm.reset({ slug: branding.slug });
    if (branding.canEdit) {
      this.form.enable();
      if (!branding.entitlements.hidePoweredBy) this.form.controls.showPoweredBy.disable();
    } else {
      this.form.disable();
      this.slugForm.disable();
    }
    this.draft.set(this.form.getRawValue());
  }
}
