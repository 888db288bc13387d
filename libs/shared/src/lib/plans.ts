/** What a plan allows (SPEC §2). Self-hosting defaults to `full` (DEFAULT_PLAN). */
export interface PlanEntitlements {
  clientManagement: boolean;
  multiUser: boolean;
  /** null = unlimited */
  maxClients: number | null;
  customDomain: boolean;
  contracts: boolean;
  /** May hide the "powered by Atrium" mark on the portal and in emails. */
  hidePoweredBy: boolean;
}

export const PLANS = {
  full: {
    clientManagement: true,
    multiUser: true,
    maxClients: null,
    customDomain: true,
    contracts: true,
    hidePoweredBy: true,
  },
  starter: {
    clientManagement: true,
    multiUser: true,
    maxClients: 5,
    customDomain: false,
    contracts: false,
    hidePoweredBy: false,
  },
  solo: {
    clientManagement: false,
    multiUser: false,
    maxClients: 1,
    customDomain: false,
    contracts: false,
    hidePoweredBy: false,
  },
} as const satisfies Record<string, PlanEntitlements>;

export type PlanName = keyof typeof PLANS;
export const PLAN_NAMES = Object.keys(PLANS) as PlanName[];

export function entitlementsOf(plan: string): PlanEntitlements {
  return (PLANS as Record<string, PlanEntitlements>)[plan] ?? PLANS.solo;
}
