import type { AuditEntry } from '../../../core/audit/audit.service';
import type { OperatorContext } from '../../../core/auth/request-context';
import { operatorDetails } from '../operators/operator-accounts.service';

/** An admin action as the audit log records it: the operator in `details`, the request's meta. */
export function operatorAudit(operator: OperatorContext, entry: Omit<AuditEntry, 'actorUserId' | 'meta'>): AuditEntry {
  return {
    ...entry,
    meta: operator,
    details: { ...operatorDetails({ id: operator.operatorId, email: operator.email }), ...entry.details },
  };
}
