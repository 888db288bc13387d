import { AddOperationsAndTwoFactor1796315053528 } from './1796315053528-AddOperationsAndTwoFactor';
import { AddBilling1796302452479 } from './1796302452479-AddBilling';
import { AddMessages1796289845266 } from './1796289845266-AddMessages';
import { AddContracts1796279011811 } from './1796279011811-AddContracts';
import { PostApproval1796267938548 } from './1796267938548-PostApproval';
import { RetireUnbuiltPermissions1796266790000 } from './1796266790000-RetireUnbuiltPermissions';
import { CalendarWeekCoveringIndex1796195796128 } from './1796195796128-CalendarWeekCoveringIndex';
import { PurgeSentEmailBodies1796186480000 } from './1796186480000-PurgeSentEmailBodies';
import { RetiredSlugs1796181583482 } from './1796181583482-RetiredSlugs';
import { CustomDomainClaims1796175172752 } from './1796175172752-CustomDomainClaims';
import { BrandedSender1796175210644 } from './1796175210644-BrandedSender';
import { ViewAsClient1796174979963 } from './1796174979963-ViewAsClient';
import { WhiteLabel1796173995522 } from './1796173995522-WhiteLabel';
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
  WhiteLabel1796173995522,
  ViewAsClient1796174979963,
  BrandedSender1796175210644,
  CustomDomainClaims1796175172752,
  RetiredSlugs1796181583482,
  PurgeSentEmailBodies1796186480000,
  CalendarWeekCoveringIndex1796195796128,
  RetireUnbuiltPermissions1796266790000,
  PostApproval1796267938548,
  AddContracts1796279011811,
  AddMessages1796289845266,
  AddBilling1796302452479,
  AddOperationsAndTwoFactor1796315053528,
];
