import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { CalendarView } from '../calendar-range';

/**
 * The calendar's bar, the same in the workspace and the portal: previous, Today and next (none of
 * which ever disables itself, so focus stays where the person is), the period's name (announced when
 * it changes), and the Week / Month choice. Whatever the page adds (the agency's client filter) is
 * projected beside the choice.
 */
@Component({
  selector: 'atr-calendar-toolbar',
  imports: [MatButtonModule, MatButtonToggleModule, MatIconModule, MatTooltipModule],
  template: `
    <div class="period">
      <button mat-icon-button type="button" [matTooltip]="'Previous ' + view()" (click)="step.emit(-1)">
        <mat-icon aria-hidden="true">chevron_left</mat-icon>
        <span class="atr-visually-hidden">Previous {{ view() }}</span>
      </button>
      <button mat-stroked-button type="button" (click)="today.emit()">Today</button>
      <button mat-icon-button type="button" [matTooltip]="'Next ' + view()" (click)="step.emit(1)">
        <mat-icon aria-hidden="true">chevron_right</mat-icon>
        <span class="atr-visually-hidden">Next {{ view() }}</span>
      </button>
      <h2 class="period__label" aria-live="polite">{{ label() }}</h2>
    </div>
    <div class="filters">
      <mat-button-toggle-group
        hideSingleSelectionIndicator
        aria-label="Calendar view"
        [value]="view()"
        (change)="viewChange.emit($event.value)"
      >
        <mat-button-toggle value="week">Week</mat-button-toggle>
        <mat-button-toggle value="month">Month</mat-button-toggle>
      </mat-button-toggle-group>
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      justify-content: space-between;
    }
    .period,
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .period__label {
      margin-left: 8px;
      font: var(--mat-sys-title-large);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CalendarToolbarComponent {
  readonly view = input.required<CalendarView>();
  /** "Dec 7 – 13, 2026", "December 2026". */
  readonly label = input.required<string>();
  readonly step = output<-1 | 1>();
  readonly today = output<void>();
  readonly viewChange = output<CalendarView>();
}
