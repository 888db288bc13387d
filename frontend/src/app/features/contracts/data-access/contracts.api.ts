import { HttpClient, HttpEvent, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CONTRACT_PATHS,
  type ContractDraftInput,
  type ContractEventList,
  type ContractFileKind,
  type ContractList,
  type ContractStatus,
  type ContractTemplateLayout,
  type ContractTemplateList,
  type ContractTemplateSummary,
  type ContractVerification,
  type ContractView,
  type SignContractInput,
} from '@atrium/shared';
import { Observable } from 'rxjs';

const id = encodeURIComponent;

/** The agency's contracts and templates (plan entitlement `contracts`). */
@Injectable({ providedIn: 'root' })
export class ContractsApi {
  private readonly http = inject(HttpClient);

  list(filter: { clientId?: string; status?: ContractStatus } = {}): Observable<ContractList> {
    const params: Record<string, string> = {};
    if (filter.clientId) params['clientId'] = filter.clientId;
    if (filter.status) params['status'] = filter.status;
    return this.http.get<ContractList>(CONTRACT_PATHS.agency, { params });
  }

  get(contractId: string): Observable<ContractView> {
    return this.http.get<ContractView>(CONTRACT_PATHS.agencyOne(id(contractId)));
  }

  /** Uploads the PDF as the body; events report upload progress. */
  upload(clientId: string, file: File, title: string): Observable<HttpEvent<ContractView>> {
    return this.http.post<ContractView>(CONTRACT_PATHS.agency, file, {
      params: { clientId, title },
      headers: new HttpHeaders({ 'Content-Type': 'application/pdf' }),
      reportProgress: true,
      observe: 'events',
    });
  }

  fromTemplate(templateId: string, clientId: string, title: string | null): Observable<ContractView> {
    return this.http.post<ContractView>(CONTRACT_PATHS.fromTemplate, { templateId, clientId, title });
  }

  save(contractId: string, draft: ContractDraftInput): Observable<ContractView> {
    return this.http.put<ContractView>(CONTRACT_PATHS.agencyOne(id(contractId)), draft);
  }

  remove(contractId: string): Observable<void> {
    return this.http.delete<void>(CONTRACT_PATHS.agencyOne(id(contractId)));
  }

  send(contractId: string): Observable<ContractView> {
    return this.http.post<ContractView>(CONTRACT_PATHS.agencyAction(id(contractId), 'send'), {});
  }

  void(contractId: string, reason: string): Observable<ContractView> {
    return this.http.post<ContractView>(CONTRACT_PATHS.agencyAction(id(contractId), 'void'), { reason });
  }

  remind(contractId: string, recipientId?: string): Observable<ContractView> {
    return this.http.post<ContractView>(
      CONTRACT_PATHS.agencyAction(id(contractId), 'remind'),
      recipientId ? { recipientId } : {},
    );
  }

  retrySeal(contractId: string): Observable<ContractView> {
    return this.http.post<ContractView>(CONTRACT_PATHS.agencyAction(id(contractId), 'seal'), {});
  }

  events(contractId: string): Observable<ContractEventList> {
    return this.http.get<ContractEventList>(CONTRACT_PATHS.agencyEvents(id(contractId)));
  }

  file(contractId: string, kind: ContractFileKind): Observable<Blob> {
    return this.http.get(CONTRACT_PATHS.agencyFile(id(contractId), kind), { responseType: 'blob' });
  }

  saveAsTemplate(contractId: string, name: string): Observable<ContractTemplateSummary> {
    return this.http.post<ContractTemplateSummary>(CONTRACT_PATHS.agencyAction(id(contractId), 'template'), { name });
  }

  templates(): Observable<ContractTemplateList> {
    return this.http.get<ContractTemplateList>(CONTRACT_PATHS.templates);
  }

  templateLayout(templateId: string): Observable<ContractTemplateLayout> {
    return this.http.get<ContractTemplateLayout>(CONTRACT_PATHS.template(id(templateId)));
  }

  deleteTemplate(templateId: string): Observable<void> {
    return this.http.delete<void>(CONTRACT_PATHS.template(id(templateId)));
  }

  /** Countersigning, when an agency user is a recipient. */
  sign(contractId: string, input: SignContractInput): Observable<ContractView> {
    return this.http.post<ContractView>(CONTRACT_PATHS.agencyAction(id(contractId), 'sign'), input);
  }

  approve(contractId: string): Observable<ContractView> {
    return this.http.post<ContractView>(CONTRACT_PATHS.agencyAction(id(contractId), 'approve'), {});
  }

  decline(contractId: string, reason: string): Observable<ContractView> {
    return this.http.post<ContractView>(CONTRACT_PATHS.agencyAction(id(contractId), 'decline'), { reason });
  }
}

/** Portal › Contracts (contracts.sign), for the active client (the client header picks it). */
@Injectable({ providedIn: 'root' })
export class PortalContractsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ContractList> {
    return this.http.get<ContractList>(CONTRACT_PATHS.portal);
  }

  get(contractId: string): Observable<ContractView> {
    return this.http.get<ContractView>(CONTRACT_PATHS.portalOne(id(contractId)));
  }

  file(contractId: string, kind: ContractFileKind): Observable<Blob> {
    return this.http.get(CONTRACT_PATHS.portalFile(id(contractId), kind), { responseType: 'blob' });
  }

  sign(contractId: string, input: SignContractInput): Observable<ContractView> {
    return this.http.post<ContractView>(CONTRACT_PATHS.portalAction(id(contractId), 'sign'), input);
  }

  approve(contractId: string): Observable<ContractView> {
    return this.http.post<ContractView>(CONTRACT_PATHS.portalAction(id(contractId), 'approve'), {});
  }

  decline(contractId: string, reason: string): Observable<ContractView> {
    return this.http.post<ContractView>(CONTRACT_PATHS.portalAction(id(contractId), 'decline'), { reason });
  }
}

/** The public verification page. */
@Injectable({ providedIn: 'root' })
export class VerifyApi {
  private readonly http = inject(HttpClient);

  file(file: File): Observable<ContractVerification> {
    return this.http.post<ContractVerification>(CONTRACT_PATHS.verify, file, {
      headers: new HttpHeaders({ 'Content-Type': 'application/pdf' }),
    });
  }

  hash(sha256: string): Observable<ContractVerification> {
    return this.http.get<ContractVerification>(CONTRACT_PATHS.verifyHash(id(sha256.trim().toLowerCase())));
  }
}

/** Saves a downloaded blob under a file name (the browser's download, from memory). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
