import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { NAME_MAX_LENGTH } from '@atrium/shared';
import { AuthService } from '../../../core/auth/auth.service';
import { serverError } from '../../../core/http/api-error';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { browserTimeZone } from '../../../core/ui/zoned-time';
import { SettingsApi } from '../data-access/settings.api';
import { allTimeZones, filterTimeZones, zoneOffset } from '../time-zones';
import { SettingsSubmitButtonComponent } from './settings-submit-button.component';
import { SettingsSubmission } from './settings-submission';

/** Options the autocomplete shows at once; typing narrows the rest down. */
const SHOWN_ZONES = 60;

/** Name and time zone. The zone decides how the portal calendar and every date read. */
@Component({
  selector: 'atr-profile-form',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    NoticeComponent,
    SettingsSubmitButtonComponent,
  ],
  template: `
    <form class="atr-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
      <atr-notice [message]="submission.error()" kind="error" />
      <atr-notice [message]="saved()" kind="success" />

      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Name</mat-label>
        <input matInput formControlName="name" autocomplete="name" required />
        @if (form.controls.name.hasError('required')) {
          <mat-error>Enter your name.</mat-error>
        } @else if (form.controls.name.hasError('maxlength')) {
          <mat-error>Keep it under {{ nameMax }} characters.</mat-error>
        } @else if (serverError(form.controls.name); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>

      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Time zone</mat-label>
        <input
          matInput
          formControlName="timezone"
          autocomplete="off"
          required
          [matAutocomplete]="zones"
          (focus)="zoneQuery.set('')"
          (input)="onZoneInput($event)"
        />
        <mat-autocomplete #zones="matAutocomplete" autoActiveFirstOption>
          @for (zone of zoneOptions(); track zone) {
            <mat-option [value]="zone">
              {{ zone }} <span class="atr-muted">{{ offset(zone) }}</span>
            </mat-option>
          }
          @if (zoneOptions().length === 0) {
            <mat-option disabled>No time zone matches</mat-option>
          }
        </mat-autocomplete>
        <mat-hint>Current: {{ currentZone() }}. Dates and times are shown in this zone.</mat-hint>
        @if (form.controls.timezone.hasError('required')) {
          <mat-error>Choose your time zone.</mat-error>
        } @else if (form.controls.timezone.hasError('unknownZone')) {
          <mat-error>Choose a time zone from the list, for example Europe/Berlin.</mat-error>
        } @else if (serverError(form.controls.timezone); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
      @if (deviceZone !== form.controls.timezone.value) {
        <button mat-button type="button" class="device-zone" (click)="useDeviceZone()">
          <mat-icon aria-hidden="true">my_location</mat-icon>
          Use this device's time zone ({{ deviceZone }})
        </button>
      }

      <atr-settings-submit-button [busy]="submission.saving()">Save profile</atr-settings-submit-button>
    </form>
  `,
  styles: `
    .device-zone {
      align-self: flex-start;
      max-width: 100%;
      height: auto;
      min-height: 40px;
      margin-top: 4px;
      white-space: normal;
      text-align: start;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfileFormComponent {
  private readonly api = inject(SettingsApi);
  private readonly auth = inject(AuthService);

  private readonly zones = allTimeZones();
  /** A zone saved under an older name (Asia/Calcutta) stays valid, though the list has the new one. */
  private readonly knownZones = new Set([...this.zones, this.auth.me()?.timezone ?? 'UTC']);
  protected readonly deviceZone = browserTimeZone();
  protected readonly nameMax = NAME_MAX_LENGTH;
  protected readonly serverError = serverError;
  protected readonly offset = zoneOffset;
  protected readonly saved = signal<string | null>(null);

  protected readonly form = new FormGroup({
    name: new FormControl(this.auth.me()?.name ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(NAME_MAX_LENGTH)],
    }),
    timezone: new FormControl(this.auth.me()?.timezone ?? this.deviceZone, {
      nonNullable: true,
      validators: [Validators.required, (control) => this.knownZone(control)],
    }),
  });
  protected readonly submission = new SettingsSubmission(this.form);

  /** What was typed into the zone field; cleared on focus so that the list opens unfiltered. */
  protected readonly zoneQuery = signal('');
  protected readonly zoneOptions = computed(() => filterTimeZones(this.zones, this.zoneQuery(), SHOWN_ZONES));
  protected readonly currentZone = computed(() => {
    const zone = this.auth.me()?.timezone ?? '';
    const offset = zone ? zoneOffset(zone) : '';
    return offset ? `${zone} (${offset})` : zone || 'not set';
  });

  protected onZoneInput(event: Event): void {
    this.zoneQuery.set((event.target as HTMLInputElement).value);
  }

  protected useDeviceZone(): void {
    this.form.controls.timezone.setValue(this.deviceZone);
    this.form.controls.timezone.markAsDirty();
  }

  protected save(): void {
    this.saved.set(null);
    const { name, timezone } = this.form.getRawValue();
    this.submission.send(this.api.updateProfile({ name: name.trim(), timezone }), (me) => {
      this.auth.setMe(me);
      this.form.reset({ name: me.name, timezone: me.timezone });
      this.saved.set('Profile saved.');
    });
  }

  private knownZone(control: AbstractControl): ValidationErrors | null {
    const value = String(control.value ?? '');
    return !value || this.knownZones.has(value) ? null : { unknownZone: true };
  }
}
