import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../../api/src/app.module';
import { ROLES, Role } from '../../api/src/auth/principal';
import { ProblemException } from '../../api/src/common/problem/problem.exception';
import { passwordProblem } from '../../api/src/users/password-policy';
import { UsersService } from '../../api/src/users/users.service';

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
  if (!process.stdin.isTTY) throw new Error('Set TASKTRACKR_PASSWORD (no terminal to ask in).');
  const first = await promptHidden('Password (12+ characters): ');
  const second = await promptHidden('Repeat password: ');
  if (first !== second) throw new Error('The passwords differ.');
  return first;
}

/**
 * `npm run user:create`: creates a user (typically the first admin) through the same service
 * and rules as the API (password policy, argon2id, audit event), against DATABASE_URL.
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
    throw new Error(`Unknown role(s): ${unknown.join(', ')}. Use ${ROLES.join(', ')}.`);
  const password = await readPassword();
  // Checked again by the service; failing here spares booting the app for nothing.
  const weak = passwordProblem(password, values.email);
  if (weak) throw new Error(weak);

  if (process.env.NODE_ENV !== 'production' && !process.env.LOG_LEVEL)
    process.env.LOG_LEVEL = 'warn';
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ role: 'api' }), {
    logger: ['error', 'warn'],
  });
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

main().catch((error: unknown) => {
  if (error instanceof ProblemException) {
    const reasons = error.errors?.map((e) => e.message).join('; ');
    process.stderr.write(`user:create failed: ${reasons ?? error.detail ?? error.message}\n`);
  } else {
    process.stderr.write(
      `user:create failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
