import { HttpErrorResponse } from '@angular/common/http';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { InviteRequest } from '@atrium/shared';
import { Observable, Subject } from 'rxjs';
import { CLIENT_ROLE_OPTIONS } from '../member-source';
import { InviteDialogComponent, InviteDialogData } from './invite-dialog.component';

describe('InviteDialogComponent', () => {
  let fixture: ComponentFixture<InviteDialogComponent>;
  let root: HTMLElement;
  let close: jest.Mock;
  let send: jest.Mock<Observable<unknown>, [InviteRequest<string>, string | null]>;
  let response: Subject<unknown>;

  async function open(extra: Partial<InviteDialogData> = {}): Promise<void> {
    response = new Subject<unknown>();
    send = jest.fn(() => response.asObservable());
    close = jest.fn();
    TestBed.configureTestingModule({
      imports: [InviteDialogComponent],
      providers: [
        {
          provide: MAT_DIALOG_DATA,
          useValue: { title: 'Invite to Acme Coffee', roles: CLIENT_ROLE_OPTIONS, send, ...extra },
        },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    fixture = TestBed.createComponent(InviteDialogComponent);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  function field<T extends HTMLElement = HTMLInputElement>(label: string): T {
    const labelElement = Array.from(root.querySelectorAll('label')).find(
      (candidate) => candidate.textContent?.trim().replace(/\s*\*$/, '') === label,
    );
    const control = labelElement && root.querySelector<T>(`#${labelElement.htmlFor}`);
    if (!control) {
      throw new Error(`No field labelled ${label}`);
    }
    return control;
  }

  function type(label: string, value: string): void {
    const input = field(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function choose(label: string, value: string): void {
    const select = field<HTMLSelectElement>(label);
    select.value = value;
    select.dispatchEvent(new Event('change'));
  }

  function sendButton(): HTMLButtonElement {
    const button = Array.from(root.querySelectorAll('button')).find(
      (candidate) => candidate.textContent?.trim() === 'Send invitation',
    );
    if (!button) {
      throw new Error('No Send invitation button');
    }
    return button;
  }

  async function submit(): Promise<void> {
    sendButton().click();
    await fixture.whenStable();
  }

  it('labels its fields Full name, Email and Role, with Admin and Member to choose from', async () => {
    await open();
    expect(field('Full name')).toBeTruthy();
    expect(field('Email').type).toBe('email');
    const roles = Array.from(field<HTMLSelectElement>('Role').options).map((option) => option.textContent?.trim());
    expect(roles.sort()).toEqual(['Admin', 'Member']);
  });

  it('does not send an empty form and says what is missing', async () => {
    await open();
    await submit();

    expect(send).not.toHaveBeenCalled();
    expect(root.textContent).toContain('Enter their full name.');
    expect(root.textContent).toContain('Enter their email address.');
    expect(close).not.toHaveBeenCalled();
  });

  it('refuses an invalid email address and a name made of spaces', async () => {
    await open();
    type('Full name', '   ');
    type('Email', 'anna@');
    await submit();

    expect(send).not.toHaveBeenCalled();
    expect(root.textContent).toContain('Enter a valid email address.');
    expect(root.textContent).toContain('Enter their full name.');
  });

  it('sends the trimmed invitation with the chosen role, then closes with who was invited', async () => {
    await open();
    type('Full name', '  Anna Acme ');
    type('Email', ' anna@acme.test ');
    choose('Role', 'admin');
    await submit();

    expect(send).toHaveBeenCalledWith({ name: 'Anna Acme', email: 'anna@acme.test', role: 'admin' }, null);
    expect(sendButton().disabled).toBe(true);

    response.next({});
    response.complete();
    await fixture.whenStable();
    expect(close).toHaveBeenCalledWith({ name: 'Anna Acme', email: 'anna@acme.test', clientId: null });
  });

  it('stays open and shows the server’s reason when the email cannot be invited', async () => {
    await open();
    type('Full name', 'Anna Acme');
    type('Email', 'anna@acme.test');
    await submit();

    response.error(
      new HttpErrorResponse({
        status: 409,
        error: { statusCode: 409, error: 'Conflict', message: 'anna@acme.test is already a user of this client.' },
      }),
    );
    await fixture.whenStable();

    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'anna@acme.test is already a user of this client.',
    );
    expect(close).not.toHaveBeenCalled();
    expect(sendButton().disabled).toBe(false);
  });

  it('asks for the client first when it offers a choice of clients', async () => {
    await open({
      clients: [
        { id: 'c1', name: 'Acme Coffee' },
        { id: 'c2', name: 'Blue Harbor Hotels' },
      ],
    });
    type('Full name', 'Anna Acme');
    type('Email', 'anna@acme.test');
    await submit();

    expect(send).not.toHaveBeenCalled();
    expect(root.textContent).toContain('Choose the client to invite to.');

    choose('Client', 'c2');
    await submit();
    expect(send).toHaveBeenCalledWith({ name: 'Anna Acme', email: 'anna@acme.test', role: 'member' }, 'c2');
  });
});
