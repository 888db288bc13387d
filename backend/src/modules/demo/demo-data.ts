import type { AgencyRole, ClientPermission, ClientRole } from '@atrium/shared';

/** Every demo account signs in with this password (shown in the README). */
export const DEMO_PASSWORD = 'atrium-demo-2026';

export interface DemoAgency {
  name: string;
  users: Array<{ name: string; email: string; role: AgencyRole }>;
  clients: Array<{
    name: string;
    permissions: ClientPermission[];
    users: Array<{ name: string; email: string; role: ClientRole }>;
  }>;
}

/** Acme Coffee's: Anna (admin) also manages billing; Max (member) never does (SPEC §4). */
const ALL: ClientPermission[] = [
  'calendar.view',
  'media.upload',
  'accounts.manage',
  'users.manage',
  'messages.use',
  'billing.manage',
];

/**
 * Two agencies so isolation can be seen by hand: Northwind's people never see Summit's and the
 * other way round. sam@multi.test belongs to two of Northwind's clients (client switcher).
 */
export const DEMO_AGENCIES: DemoAgency[] = [
  {
    name: 'Northwind Creative',
    users: [
      { name: 'Olivia Owner', email: 'owner@northwind.test', role: 'owner' },
      { name: 'Adam Admin', email: 'admin@northwind.test', role: 'admin' },
      { name: 'Mia Member', email: 'member@northwind.test', role: 'member' },
    ],
    clients: [
      {
        name: 'Acme Coffee',
        permissions: ALL,
        users: [
          { name: 'Anna Acme', email: 'anna@acme.test', role: 'admin' },
          { name: 'Max Acme', email: 'max@acme.test', role: 'member' },
          { name: 'Sam Multi', email: 'sam@multi.test', role: 'member' },
        ],
      },
      {
        name: 'Blue Harbor Hotels',
        permissions: ['calendar.view', 'media.upload'],
        users: [
          {
            name: 'Bella Harbor',
            email: 'bella@blueharbor.test',
            role: 'admin',
          },
        ],
      },
      {
        name: 'Cedar & Stone Law',
        permissions: ['calendar.view'],
        users: [],
      },
    ],
  },
  {
    name: 'Summit Social',
    users: [{ name: 'Sofia Summit', email: 'owner@summit.test', role: 'owner' }],
    clients: [
      {
        name: 'Delta Outdoors',
        permissions: ['calendar.view', 'media.upload', 'accounts.manage'],
        users: [{ name: 'Dana Delta', email: 'dana@delta.test', role: 'admin' }],
      },
    ],
  },
];

/**
 * Open invitations, so the Invited status and counts show up. Their links were never sent: use
 * Resend in Settings > Clients to get a working one into the dev mailbox.
 */
export const DEMO_PENDING_INVITATIONS = [
  { email: 'nina@blueharbor.test', name: 'Nina Harbor', client: 'Blue Harbor Hotels', role: 'member' as ClientRole },
  { email: 'carl@cedarstone.test', name: 'Carl Cedar', client: 'Cedar & Stone Law', role: 'admin' as ClientRole },
];

/** Second memberships: the same person in another client of the same agency. */
export const DEMO_EXTRA_MEMBERSHIPS = [
  {
    email: 'sam@multi.test',
    client: 'Blue Harbor Hotels',
    role: 'member' as ClientRole,
  },
];

/** Demo people live in different timezones, so the portal calendar visibly follows each user's. */
export const DEMO_TIMEZONES: Record<string, string> = {
  'anna@acme.test': 'Europe/Berlin',
  'max@acme.test': 'Europe/Berlin',
  'bella@blueharbor.test': 'America/New_York',
  'sam@multi.test': 'Asia/Tokyo',
};
