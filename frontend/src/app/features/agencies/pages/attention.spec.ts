import { WEB_PATHS } from '@atrium/shared';
import { attentionItems } from './agency-dashboard.page';

describe('attentionItems', () => {
  it('says nothing when all is well', () => {
    expect(attentionItems({ accountsNeedingReconnect: 0, accountsExpiringSoon: 0, failedPosts: 0 })).toEqual([]);
    expect(attentionItems(undefined)).toEqual([]);
  });

  it('lists each problem with the page that fixes it, worst first', () => {
    const items = attentionItems({ accountsNeedingReconnect: 2, accountsExpiringSoon: 1, failedPosts: 3 });
    expect(items.map((i) => i.id)).toEqual(['reconnect', 'expiring', 'failed']);
    expect(items[0]).toMatchObject({ kind: 'error', link: WEB_PATHS.agencyAccounts });
    expect(items[0].message).toContain('2 social accounts need reconnecting');
    expect(items[1].message).toContain('1 social account connection ends within a week');
    expect(items[2]).toMatchObject({ link: WEB_PATHS.agencyCalendar });
    expect(items[2].message).toContain('3 posts failed');
  });
});
