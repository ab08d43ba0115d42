import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { ROLES, Role } from '../../api/src/common/access/principal';
import { passwordProblem } from '../../api/src/credentials';
import { UsersService } from '../../api/src/users';
import { useServicesForCli } from '../dev-services/services-for-cli';
import { createCliAppContext } from './app-context';
import { exitWithFailure, UsageError } from './cli-failure';

const USAGE = `Usage: npm run user:create -- --email <email> [--role admin|employee|auditor ...] [--name <display name>]
The password is read from TASKTRACKR_PASSWORD, or asked for (hidden) when run in a terminal.`;

/** Reads a line without echoing it (a password prompt). */
async function promptHidden(question: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  process.stdout.write(question);
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.TASKTRACKR_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError('Set TASKTRACKR_PASSWORD (no terminal to ask in).');
  }
  const first = await promptHidden('Password (12+ characters): ');
  const second = await promptHidden('Repeat password: ');
  if (first !== second) throw new UsageError('The passwords differ.');
  return first;
}

/**
 * `npm run user:create`: creates a user (typically the first admin) through the same service
 * and rules as the API (password policy, argon2id, audit event), against the database the
 * running `npm start` uses (or DATABASE_URL / REDIS_URL when set).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.email) {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const roles = (values.role ?? ['employee']) as Role[];
  const unknown = roles.filter((role) => !ROLES.includes(role));
  if (unknown.length > 0)
    throw new UsageError(`Unknown role(s): ${unknown.join(', ')}. Use ${ROLES.join(', ')}.`);
  const password = await readPassword();
  // Checked again by the service; failing here spares booting the app for nothing.
  const weak = passwordProblem(password, values.email);
  if (weak) throw new UsageError(weak);

  const source = await useServicesForCli({ database: true, redis: true });
  if (source) process.stderr.write(`${source}\n`);
  const app = await createCliAppContext();
  try {
    const users = app.get(UsersService);
    const user = await app.get(DataSource).transaction((manager) =>
      users.create(
        manager,
        {
          email: values.email ?? '',
          password,
          displayName: values.name ?? values.email ?? '',
          roles,
        },
        {
          action: 'user.created',
          actor: { type: 'system', id: null, display: 'cli:user:create' },
          context: { ip: null, userAgent: 'cli', requestId: null },
        },
      ),
    );
    process.stdout.write(`Created ${user.email} (${user.roles.join(', ')}), id ${user.id}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => exitWithFailure('user:create', error));
