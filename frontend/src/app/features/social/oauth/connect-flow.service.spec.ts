import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SOCIAL_PATHS } from '@atrium/shared';
import { firstValueFrom } from 'rxjs';
import { ConnectFlowService, EXTERNAL_REDIRECT } from './connect-flow.service';
import { takePendingConnection } from './pending-connection';

describe('ConnectFlowService', () => {
  let flow: ConnectFlowService;
  let backend: HttpTestingController;
  let redirect: jest.Mock;

  beforeEach(() => {
    sessionStorage.clear();
    redirect = jest.fn();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: EXTERNAL_REDIRECT, useValue: redirect }],
    });
    flow = TestBed.inject(ConnectFlowService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('remembers an agency connection for the callback, then leaves for the provider', async () => {
    const started = firstValueFrom(flow.startFromAgency('local', 'client-1'));
    const request = backend.expectOne(SOCIAL_PATHS.connect);
    expect(request.request.body).toEqual({ provider: 'local', clientId: 'client-1' });
    request.flush({ authorizationUrl: 'https://provider.test/authorize?state=st-9' });
    await started;

    expect(redirect).toHaveBeenCalledWith('https://provider.test/authorize?state=st-9');
    expect(takePendingConnection('st-9')).toMatchObject({ kind: 'agency', returnUrl: '/app/accounts' });
  });

  it('keeps the binding of a connect link, which only this browser knows', async () => {
    const started = firstValueFrom(flow.startFromLink('tok', 'local', '/a/acme-studio/connect'));
    backend
      .expectOne(SOCIAL_PATHS.linkStart)
      .flush({ authorizationUrl: 'https://provider.test/authorize?state=st-3', binding: 'bind-3' });
    await started;

    expect(takePendingConnection('st-3')).toMatchObject({
      kind: 'connect_link',
      token: 'tok',
      binding: 'bind-3',
      page: '/a/acme-studio/connect',
    });
  });

  it('never follows an authorization address that is not a web page', async () => {
    const started = firstValueFrom(flow.startFromPortal('local'));
    backend.expectOne(SOCIAL_PATHS.portalConnect).flush({ authorizationUrl: 'javascript:alert(1)' });

    await expect(started).rejects.toThrow();
    expect(redirect).not.toHaveBeenCalled();
    expect(takePendingConnection(null)).toBeNull();
  });
});
