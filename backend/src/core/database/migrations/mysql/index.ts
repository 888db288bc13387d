import { MediaLibrary1795424915007 } from './1795424915007-MediaLibrary';
import { AccountRenewalLease1795423979430 } from './1795423979430-AccountRenewalLease';
import { AccountExpiryWarning1795423579155 } from './1795423579155-AccountExpiryWarning';
import { SocialAccountsAndPosts1795421483784 } from './1795421483784-SocialAccountsAndPosts';
import { SessionPreviousRefreshHash1795418868365 } from './1795418868365-SessionPreviousRefreshHash';
import { Invitations1795417303696 } from './1795417303696-Invitations';
import { Initial1795416442945 } from './1795416442945-Initial';

/** Applied in order; append new migrations here (the bundled backend cannot glob for them). */
export const MYSQL_MIGRATIONS = [
  Initial1795416442945,
  Invitations1795417303696,
  SessionPreviousRefreshHash1795418868365,
  SocialAccountsAndPosts1795421483784,
  AccountExpiryWarning1795423579155,
  AccountRenewalLease1795423979430,
  MediaLibrary1795424915007,
];
