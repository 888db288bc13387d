import { ForbiddenException } from '@nestjs/common';

/** What a suspended agency's users are told, on every request and at sign-in (SPEC §1: operators suspend). */
export const WORKSPACE_SUSPENDED_MESSAGES = {
  agency: 'This workspace is suspended. Please contact the platform operator.',
  client: "This portal is unavailable because the agency's workspace is suspended. Please contact your agency.",
} as const;

/**
 * 403 for a caller whose session or password is good but whose agency a platform operator has
 * suspended: told plainly instead of "your session has ended", and only once the credential has
 * been checked, so it reveals nothing to someone without one.
 */
export class WorkspaceSuspendedException extends ForbiddenException {
  constructor(audience: 'agency' | 'client') {
    super(WORKSPACE_SUSPENDED_MESSAGES[audience]);
  }
}
