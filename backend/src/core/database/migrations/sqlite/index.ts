import { MediaLibrary1795424911995 } from './1795424911995-MediaLibrary';
import { AccountRenewalLease1795423976994 } from './1795423976994-AccountRenewalLease';
import { AccountExpiryWarning1795423576014 } from './1795423576014-AccountExpiryWarning';
import { SocialAccountsAndPosts1795421480405 } from './1795421480405-SocialAccountsAndPosts';
import { SessionPreviousRefreshHash1795418866069 } from './1795418866069-SessionPreviousRefreshHash';
import { Invitations1795417300701 } from './1795417300701-Invitations';
import { Initial1795416441565 } from './1795416441565-Initial';

/** Applied in order; append new migrations here (the bundled backend cannot glob for them). */
export const SQLITE_MIGRATIONS = [
  Initial1795416441565,
  Invitations1795417300701,
  SessionPreviousRefreshHash1795418866069,
  SocialAccountsAndPosts1795421480405,
  AccountExpiryWarning1795423576014,
  AccountRenewalLease1795423976994,
  MediaLibrary1795424911995,
];
