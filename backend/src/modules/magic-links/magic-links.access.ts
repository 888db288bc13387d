import { accessRule } from '../../core/tenancy/access-rule';
import { User } from '../../core/tenancy/entities/user.entity';

/** A client user of the agency whose account is active: someone a sign-in link may be made for. */
export const CLIENT_USER_SIGN_IN = accessRule({
  name: 'client_user.sign_in_link',
  entity: User,
  where: { kind: 'client', status: 'active' },
  notFound: 'User not found',
});
