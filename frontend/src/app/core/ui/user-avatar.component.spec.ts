import { TestBed } from '@angular/core/testing';
import { initialsOf, UserAvatarComponent } from './user-avatar.component';

describe('initialsOf', () => {
  it.each([
    ['Anna Acme', 2, 'AA'],
    ['anna maria acme', 2, 'AM'],
    ['Acme Coffee', 1, 'A'],
    ['  ', 2, ''],
  ] as const)('%j, %i letters → %j', (name, count, initials) => expect(initialsOf(name, count)).toBe(initials));
});

describe('UserAvatarComponent', () => {
  it('shows initials, one letter for accounts, when there is no picture', async () => {
    const fixture = TestBed.createComponent(UserAvatarComponent);
    fixture.componentRef.setInput('name', 'Acme Coffee');
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent.trim()).toBe('AC');
    fixture.componentRef.setInput('letters', 1);
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent.trim()).toBe('A');
    expect(fixture.nativeElement.querySelector('img')).toBeNull();
  });

  it('falls back to initials when the picture cannot be loaded', async () => {
    const fixture = TestBed.createComponent(UserAvatarComponent);
    fixture.componentRef.setInput('name', 'Anna Acme');
    fixture.componentRef.setInput('src', '/api/v1/files/expired');
    const failed = jest.fn();
    fixture.componentInstance.failed.subscribe(failed);
    await fixture.whenStable();
    fixture.nativeElement.querySelector('img').dispatchEvent(new Event('error'));
    await fixture.whenStable();
    expect(failed).toHaveBeenCalledWith('/api/v1/files/expired');
    expect(fixture.nativeElement.textContent.trim()).toBe('AA');
  });
});
