import { AddOperationsAndTwoFactor1796315059197 } from './1796315059197-AddOperationsAndTwoFactor';
import { AddBilling1796302457663 } from './1796302457663-AddBilling';
import { AddMessages1796289850301 } from './1796289850301-AddMessages';
import { AddContracts1796279016369 } from './1796279016369-AddContracts';
import { PostApproval1796267943076 } from './1796267943076-PostApproval';
import { RetireUnbuiltPermissions1796266800000 } from './1796266800000-RetireUnbuiltPermissions';
import { CalendarWeekCoveringIndex1796195811905 } from './1796195811905-CalendarWeekCoveringIndex';
import { PurgeSentEmailBodies1796186484865 } from './1796186484865-PurgeSentEmailBodies';
import { RetiredSlugs1796181592602 } from './1796181592602-RetiredSlugs';
import { CustomDomainClaims1796175181477 } from './1796175181477-CustomDomainClaims';
import { BrandedSender1796175216446 } from './1796175216446-BrandedSender';
import { ViewAsClient1796174987855 } from './1796174987855-ViewAsClient';
import { WhiteLabel1796174003982 } from './1796174003982-WhiteLabel';
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
  WhiteLabel1796174003982,
  ViewAsClient1796174987855,
  BrandedSender1796175216446,
  CustomDomainClaims1796175181477,
  RetiredSlugs1796181592602,
  PurgeSentEmailBodies1796186484865,
  CalendarWeekCoveringIndex1796195811905,
  RetireUnbuiltPermissions1796266800000,
  PostApproval1796267943076,
  AddContracts1796279016369,
  AddMessages1796289850301,
  AddBilling1796302457663,
  AddOperationsAndTwoFactor1796315059197,
];
