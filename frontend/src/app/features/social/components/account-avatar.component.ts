import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { UserAvatarComponent } from '../../../core/ui/user-avatar.component';

/** A social account's picture, or its first letter on a tinted disc when there is none (or it fails to load). */
@Component({
  selector: 'atr-account-avatar',
  imports: [UserAvatarComponent],
  template: `<atr-user-avatar [name]="name()" [src]="avatarUrl()" [size]="size()" [letters]="1" />`,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountAvatarComponent {
  readonly name = input.required<string>();
  readonly avatarUrl = input<string | null>(null);
  readonly size = input(40);
}
