/** Who a user is to Atrium. An agency user works in `/app`; a client user only ever sees `/portal`. */
export const AUDIENCES = ['agency', 'client'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AGENCY_ROLES = ['owner', 'admin', 'member'] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];

export const CLIENT_ROLES = ['admin', 'member'] as const;
export type ClientRole = (typeof CLIENT_ROLES)[number];
