import { LiveAnnouncer } from '@angular/cdk/a11y';
import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { WEB_PATHS, type ContractFileKind, type ContractView, type SignatureInput } from '@atrium/shared';
import { Observable, Subscription, from, switchMap } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { safeTimeZone } from '../../../core/ui/zoned-time';
import { PortalContractsApi, saveBlob } from '../data-access/contracts.api';
import { PdfDocumentComponent } from '../ui/pdf-document.component';
import { PdfPageOverlayDirective } from '../ui/pdf-page-overlay.directive';
import { ContractPeopleComponent } from './contract-people.component';
import { ContractStatusChipComponent } from '../components/contract-status-chip.component';
import {
  actedMessage,
  actionErrorMessage,
  contractDate,
  contractFilename,
  contractSituation,
  progressText,
} from './contract-wording';
import { openDeclineDialog } from './decline-dialog.component';
import { openSignatureDialog } from './signature-dialog.component';
import {
  EMPTY_DRAFT,
  MAX_FIELD_TEXT_LENGTH,
  browserTimeZoneName,
  isFieldDone,
  isRequired,
  missingBeforeSign,
  missingSentence,
  myHandFields,
  myRecipient,
  nextFieldIndex,
  overlayByPage,
  signInput,
  type OverlayItem,
  type SigningDraft,
} from './signing';

type Busy = 'sign' | 'approve' | null;

/**
 * Portal › Contract: read it, see who signs and where things stand, and — when it is the person's
 * turn — fill their fields over the document and sign (or approve), or decline with a reason. Once
 * everyone signed, the signed copy and its certificate are downloaded here.
 *
 * The person's fields are real controls laid over the pages (buttons for signature and initials,
 * text inputs, checkboxes) in reading order, so Tab and "Next field" walk them the same way; the
 * sticky bar under the document says where they are and what is still missing.
 */
@Component({
  selector: 'atr-portal-contract-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    RouterLink,
    ContractPeopleComponent,
    ContractStatusChipComponent,
    NoticeComponent,
    PdfDocumentComponent,
    PdfPageOverlayDirective,
  ],
  templateUrl: './portal-contract.page.html',
  styleUrl: './portal-contract.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalContractPage {
  private readonly api = inject(PortalContractsApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly breakpoints = inject(BreakpointObserver);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly destroyRef = inject(DestroyRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** From the route (`:contractId`). */
  readonly contractId = input.required<string>();

  protected readonly listLink = WEB_PATHS.portalContracts;
  protected readonly maxTextLength = MAX_FIELD_TEXT_LENGTH;
  protected readonly timeZone = safeTimeZone(this.auth.me()?.timezone);
  protected readonly agencyName = computed(() => this.auth.me()?.agency.name ?? 'Your agency');
  /** "View as client": the agency user looks; the API refuses every change. */
  protected readonly readOnly = computed(() => !!this.auth.me()?.viewAs);
  protected readonly viewerName = computed(() => this.auth.me()?.viewAs?.viewerName ?? '');

  protected readonly state = signal<LoadState<ContractView>>({ status: 'loading' });
  protected readonly documentState = signal<LoadState<ArrayBuffer>>({ status: 'loading' });
  protected readonly draft = signal<SigningDraft>(EMPTY_DRAFT);
  /** The field the person is on (index among their hand-filled fields); -1 before the first. */
  protected readonly current = signal(-1);
  protected readonly busy = signal<Busy>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly confirmation = signal<string | null>(null);
  /** Sign was pressed with something missing: the bar spells it out. */
  protected readonly signAttempted = signal(false);
  protected readonly downloading = signal<ContractFileKind | null>(null);
  protected readonly downloadError = signal<string | null>(null);

  protected readonly view = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  });
  protected readonly documentError = computed(() => {
    const state = this.documentState();
    return state.status === 'error' ? state.error.message : '';
  });
  protected readonly bytes = computed(() => {
    const state = this.documentState();
    return state.status === 'ready' ? state.value : null;
  });

  protected readonly me = computed(() => {
    const view = this.view();
    return view ? myRecipient(view) : null;
  });
  private readonly myTurn = computed(() => {
    const view = this.view();
    const me = this.me();
    return !!view && !!me && view.awaitingMe && !this.readOnly() && (me.status === 'sent' || me.status === 'viewed');
  });
  protected readonly canSign = computed(() => this.myTurn() && this.me()?.role === 'signer');
  protected readonly canApprove = computed(() => this.myTurn() && this.me()?.role === 'approver');

  /** My fields to fill by hand, in reading order. */
  protected readonly myFields = computed(() =>
    this.canSign() ? myHandFields(this.view()?.fields ?? [], this.me()?.id ?? null) : [],
  );
  protected readonly signatureCount = computed(() => this.myFields().filter((f) => f.kind === 'signature').length);
  protected readonly initialsCount = computed(() => this.myFields().filter((f) => f.kind === 'initials').length);
  protected readonly missing = computed(() => missingBeforeSign(this.myFields(), this.draft()));
  protected readonly missingText = computed(() => missingSentence(this.missing()));
  protected readonly requiredLeft = computed(
    () => this.myFields().filter((field) => isRequired(field) && !isFieldDone(field, this.draft())).length,
  );
  protected readonly next = computed(() => nextFieldIndex(this.myFields(), this.draft(), this.current()));
  protected readonly position = computed(() => {
    const count = this.myFields().length;
    const current = this.current();
    if (count === 0) return '';
    if (current < 0) return count === 1 ? 'One field for you' : `${count} fields for you`;
    return `Field ${current + 1} of ${count}`;
  });
  protected readonly leftText = computed(() => {
    const left = this.requiredLeft();
    if (left === 0) return 'Everything required is filled in.';
    return left === 1 ? '1 required field left' : `${left} required fields left`;
  });

  protected readonly overlay = computed(() => {
    const view = this.view();
    if (!view) return {};
    const me = this.me();
    return overlayByPage({
      fields: view.fields,
      recipients: view.recipients,
      signingAs: this.canSign() && me ? me : null,
      today: contractDate(new Date().toISOString(), browserTimeZoneName()),
    });
  });

  protected readonly situation = computed(() => {
    const view = this.view();
    if (!view) return null;
    return contractSituation({ view, me: this.me(), agencyName: this.agencyName(), timeZone: this.timeZone });
  });
  protected readonly facts = computed(() => {
    const view = this.view();
    if (!view) return [];
    const facts = [`From ${this.agencyName()}`];
    const sent = contractDate(view.sentAt, this.timeZone);
    if (sent) facts.push(`Sent ${sent}`);
    const progress = progressText(view.progress);
    if (progress) facts.push(progress);
    const expires = contractDate(view.expiresAt, this.timeZone);
    if (expires && (view.status === 'sent' || view.status === 'viewed' || view.status === 'partially_signed')) {
      facts.push(`Expires ${expires}`);
    }
    return facts;
  });
  protected readonly hasDownloads = computed(() => {
    const downloads = this.view()?.downloads;
    return !!downloads && (downloads.signed || downloads.certificate || downloads.voided);
  });

  private viewRequest: Subscription | null = null;
  private documentRequest: Subscription | null = null;
  /** The contract whose document is loaded (or loading). */
  private documentFor: string | null = null;

  constructor() {
    effect(() => {
      const id = this.contractId();
      untracked(() => {
        this.draft.set(EMPTY_DRAFT);
        this.current.set(-1);
        this.confirmation.set(null);
        this.load(id);
      });
    });
  }

  protected reload(): void {
    this.load(this.contractId());
  }

  protected reloadDocument(): void {
    this.loadDocument(this.contractId());
  }

  /** "Check again" while the signed copy is prepared: the contract again, without the loading state. */
  protected refresh(): void {
    this.viewRequest?.unsubscribe();
    this.viewRequest = this.api
      .get(this.contractId())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => this.state.set({ status: 'ready', value: view }),
        error: (error: unknown) => this.actionError.set(toApiError(error).message),
      });
  }

  protected itemsOn(page: number): OverlayItem[] {
    return this.overlay()[page] ?? [];
  }

  // --- Filling in --------------------------------------------------------------------------

  protected openSignature(kind: 'signature' | 'initials'): void {
    const me = this.me();
    if (!me || !this.canSign()) return;
    openSignatureDialog(this.dialog, this.breakpoints, {
      kind,
      name: me.name,
      places: kind === 'signature' ? this.signatureCount() : this.initialsCount(),
    }).subscribe((made: SignatureInput | undefined) => {
      if (made) {
        this.draft.update((draft) => ({ ...draft, [kind]: made }));
        this.actionError.set(null);
      }
    });
  }

  protected setText(item: OverlayItem, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.draft.update((draft) => ({ ...draft, values: { ...draft.values, [item.field.id]: value } }));
  }

  protected setChecked(item: OverlayItem, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.draft.update((draft) => ({
      ...draft,
      values: { ...draft.values, [item.field.id]: checked ? 'true' : 'false' },
    }));
  }

  protected textOf(item: OverlayItem): string {
    return this.draft().values[item.field.id] ?? '';
  }

  protected isChecked(item: OverlayItem): boolean {
    return this.draft().values[item.field.id] === 'true';
  }

  protected isDone(item: OverlayItem): boolean {
    return isFieldDone(item.field, this.draft());
  }

  /** The accessible name of my field: what it asks, where, and whether it must be filled. */
  protected nameOf(item: OverlayItem): string {
    const field = item.field;
    const page = `page ${field.page + 1}`;
    const label = field.label?.trim();
    switch (item.mode) {
      case 'signature':
        return this.draft().signature ? `Your signature, ${page}. Change it` : `Sign here, ${page}, required`;
      case 'initials':
        return this.draft().initials ? `Your initials, ${page}. Change them` : `Initial here, ${page}, required`;
      case 'text':
        return `${label || 'Text'}, ${page}${field.required ? ', required' : ''}`;
      case 'checkbox':
        return `${label || 'Tick box'}, ${page}${field.required ? ', required' : ''}`;
      case 'auto':
        return `${field.kind === 'name' ? 'Your name' : 'The date'}, filled in when you sign: ${item.text}`;
      default:
        return item.text;
    }
  }

  protected startSigning(): void {
    const next = nextFieldIndex(this.myFields(), this.draft(), -1);
    if (next !== null) this.focusField(next);
  }

  protected goToNext(): void {
    const next = this.next();
    if (next !== null) this.focusField(next);
  }

  private focusField(index: number): void {
    this.current.set(index);
    const element = this.host.nativeElement.querySelector<HTMLElement>(`[data-field-index="${index}"]`);
    if (!element) return;
    const still = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true;
    element.scrollIntoView?.({ block: 'center', behavior: still ? 'auto' : 'smooth' });
    element.focus({ preventScroll: true });
  }

  // --- Acting ------------------------------------------------------------------------------

  protected sign(): void {
    const view = this.view();
    if (!view || this.busy() || !this.canSign()) return;
    const missing = this.missing();
    if (missing.length > 0) {
      this.signAttempted.set(true);
      void this.announcer.announce(this.missingText());
      const index = this.myFields().findIndex((field) => field.id === missing[0].fieldId);
      if (index >= 0) this.focusField(index);
      return;
    }
    const input = signInput(this.myFields(), this.draft(), browserTimeZoneName());
    this.act('sign', this.api.sign(view.id, input));
  }

  protected approve(): void {
    const view = this.view();
    if (!view || this.busy() || !this.canApprove()) return;
    this.act('approve', this.api.approve(view.id));
  }

  protected decline(): void {
    const view = this.view();
    if (!view || this.busy() || !this.myTurn()) return;
    openDeclineDialog(this.dialog, {
      title: view.title,
      agencyName: this.agencyName(),
      decline: (reason) => this.api.decline(view.id, reason),
    }).subscribe((after) => {
      if (after) this.done('decline', view.title, after);
    });
  }

  private act(action: 'sign' | 'approve', request: Observable<ContractView>): void {
    const title = this.view()?.title ?? '';
    this.busy.set(action);
    this.actionError.set(null);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (after) => {
        this.busy.set(null);
        this.done(action, title, after);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const apiError = toApiError(error);
        this.actionError.set(actionErrorMessage(apiError));
        // Not my turn any more, or the contract ended meanwhile: show it as it is now.
        if (apiError.statusCode === 409) this.refresh();
      },
    });
  }

  private done(action: 'sign' | 'approve' | 'decline', title: string, after: ContractView): void {
    this.state.set({ status: 'ready', value: after });
    this.draft.set(EMPTY_DRAFT);
    this.current.set(-1);
    this.signAttempted.set(false);
    this.actionError.set(null);
    this.confirmation.set(actedMessage(action, title, after, this.agencyName()));
    // The bar and the fields are gone: the person starts again at the top, with the confirmation.
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('h1')?.focus(), {
      injector: this.injector,
    });
  }

  // --- Downloads ---------------------------------------------------------------------------

  protected download(kind: ContractFileKind): void {
    const view = this.view();
    if (!view || this.downloading()) return;
    this.downloading.set(kind);
    this.downloadError.set(null);
    this.api
      .file(view.id, kind)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (blob) => {
          this.downloading.set(null);
          saveBlob(blob, contractFilename(view.title, kind));
        },
        error: (error: unknown) => {
          this.downloading.set(null);
          this.downloadError.set(`The download did not work. ${toApiError(error).message}`);
        },
      });
  }

  // --- Loading -----------------------------------------------------------------------------

  private load(id: string): void {
    this.viewRequest?.unsubscribe();
    this.actionError.set(null);
    this.viewRequest = this.api
      .get(id)
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
    if (this.documentFor !== id || this.documentState().status === 'error') this.loadDocument(id);
  }

  private loadDocument(id: string): void {
    this.documentFor = id;
    this.documentRequest?.unsubscribe();
    this.documentRequest = this.api
      .file(id, 'original')
      .pipe(
        switchMap((blob) => from(blobBytes(blob))),
        toLoadState,
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((state) => this.documentState.set(state));
  }
}

/** A blob's bytes (Blob.arrayBuffer where the browser has it). */
function blobBytes(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('The document could not be read.'));
    reader.readAsArrayBuffer(blob);
  });
}
