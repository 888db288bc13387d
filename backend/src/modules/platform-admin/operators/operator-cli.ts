import { HttpException } from '@nestjs/common';
import { AuditService } from '../../../core/audit/audit.service';
import { TenantData } from '../../../core/tenancy/tenant-data';
import { PasswordService } from '../../auth/password.service';
import { OperatorAccounts } from './operator-accounts.service';

export const PLATFORM_ADMIN_USAGE = [
  'Usage: cli.js platform-admin <command>',
  '  add EMAIL [--name NAME] [--password-stdin]   create an operator (prints a generated password once)',
  '  remove EMAIL                                 remove an operator and end its sessions',
  '  list                                         list operators',
  "  reset-two-factor EMAIL                       clear an operator's TOTP (lost phone): next sign-in enrols again",
].join('\n');

export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The whole of standard input (for `--password-stdin`). */
  readStdin: () => Promise<string>;
}

/** The operator accounts on the CLI's bare data access: it needs no Nest application. */
export function operatorAccountsOn(tenant: TenantData): OperatorAccounts {
  return new OperatorAccounts(tenant, new PasswordService(), new AuditService(tenant));
}

/** `cli.js platform-admin ...`: returns the exit code. */
export async function runPlatformAdminCommand(
  accounts: OperatorAccounts,
  args: readonly string[],
  io: CliOutput,
): Promise<number> {
  const [command, ...rest] = args;
  const { email, name, flags } = parsed(rest);
  try {
    switch (command) {
      case 'add': {
        if (!email) break;
        const password = flags.has('--password-stdin') ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
        const created = await accounts.add({ email, name, password });
        io.out(`Operator ${created.operator.email} created.\n`);
        if (password === undefined)
          io.out(`Password (shown once, keep it in a password manager): ${created.password}\n`);
        io.out(
          'Next: sign in with POST /api/v1/admin/auth/login, then set up TOTP with /api/v1/admin/auth/enrol/start ' +
            'and /enrol/finish (see "Operating Atrium" in the README, or /api/docs).\n',
        );
        return 0;
      }
      case 'remove':
        if (!email) break;
        await accounts.remove(email);
        io.out(`Operator ${email.toLowerCase()} removed; its sessions ended.\n`);
        return 0;
      case 'list': {
        const operators = await accounts.list();
        if (operators.length === 0) io.out('No operators. Add one with: cli.js platform-admin add EMAIL\n');
        for (const operator of operators) {
          io.out(
            `${operator.email}\t${operator.name}\t${operator.twoFactor ? 'TOTP on' : 'TOTP not set up'}\t` +
              `last sign-in ${operator.lastLoginAt?.toISOString() ?? 'never'}\n`,
          );
        }
        return 0;
      }
      case 'reset-two-factor':
        if (!email) break;
        await accounts.resetTwoFactor(email);
        io.out(`Two-factor cleared for ${email.toLowerCase()}; sessions ended. The next sign-in sets TOTP up again.\n`);
        return 0;
    }
  } catch (error) {
    // Refusals (taken address, unknown operator, weak password) are the operator's to fix: no stack.
    if (error instanceof HttpException) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  io.err(`${PLATFORM_ADMIN_USAGE}\n`);
  return 64;
}

/** The first positional argument is the email; `--name` takes the next one; other `--` words are flags. */
function parsed(args: readonly string[]): { email?: string; name?: string; flags: Set<string> } {
  const positional: string[] = [];
  const flags = new Set<string>();
  let name: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--name') name = args[++index];
    else if (arg.startsWith('--')) flags.add(arg);
    else positional.push(arg);
  }
  return { email: positional[0], name, flags };
}
