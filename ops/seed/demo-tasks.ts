import type { TaskPriority, TaskStatus } from '../../api/src/tasks';
import { SeededRandom } from './random';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** One demo task as inserted (its id comes from the database). */
export interface DemoTask {
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  dueAt: Date | null;
  assigneeId: string | null;
  labels: string[];
  ownerId: string;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export interface DemoPeople {
  /** Who creates tasks (employees and the admin). */
  ownerIds: readonly string[];
  /** Who tasks are assigned to (employees). */
  assigneeIds: readonly string[];
}

export const DEMO_LABELS = [
  'backend',
  'frontend',
  'bug',
  'feature',
  'docs',
  'ops',
  'security',
  'design',
  'customer',
  'tech-debt',
] as const;

const VERBS = [
  'Review',
  'Fix',
  'Update',
  'Draft',
  'Migrate',
  'Test',
  'Document',
  'Plan',
  'Refactor',
  'Investigate',
  'Ship',
  'Automate',
];
const OBJECTS = [
  'the login timeout',
  'the Q3 budget report',
  'the onboarding checklist',
  'CSV export of invoices',
  'the password reset email',
  'search ranking for tasks',
  'the release notes',
  'dashboard load time',
  'the audit export manifest',
  'API rate limits',
  'the mobile navigation',
  'backup restore drill',
  'customer feedback survey',
  'the dependency upgrade',
  'error pages',
  'the on-call runbook',
  'SSO with the identity provider',
  'the pricing page copy',
  'flaky integration tests',
  'the data retention policy',
];
const CONTEXTS = [
  'Customers asked about this twice this week.',
  'Blocks the next release if not done.',
  'Small, but keeps coming up in support tickets.',
  'Agreed in the planning meeting.',
  'Follow-up from the last incident review.',
  'Nice to have; pick it up when the sprint allows.',
];

const STATUS_WEIGHTS = { todo: 34, in_progress: 24, blocked: 8, done: 34 } as const;
const PRIORITY_WEIGHTS = { low: 22, medium: 42, high: 26, urgent: 10 } as const;

/**
 * Demo task number `index`: the same index always yields the same task (relative to `now`), so
 * a second run can tell what exists. Done tasks were completed during the last 30 days (the
 * dashboard's chart); open ones are overdue, due this week, due later, or undated.
 */
export function demoTask(index: number, now: Date, people: DemoPeople): DemoTask {
  const random = new SeededRandom(0x7a5c + index * 7919);
  const at = (offsetMs: number) => new Date(now.getTime() + Math.round(offsetMs));
  const status = random.weighted<TaskStatus>(STATUS_WEIGHTS);
  const ownerId = random.pick(people.ownerIds);
  const assigneeId = random.next() < 0.8 ? random.pick(people.assigneeIds) : null;

  let createdAt: Date;
  let completedAt: Date | null = null;
  let dueAt: Date | null;
  if (status === 'done') {
    // Within the last 30 days, but not in the very last minutes (clock skew, a day boundary).
    completedAt = at(-random.between(10 * 60_000, 29.5 * DAY));
    createdAt = new Date(completedAt.getTime() - random.between(HOUR, 21 * DAY));
    dueAt =
      random.next() < 0.7
        ? new Date(completedAt.getTime() + random.between(-3 * DAY, 5 * DAY))
        : null;
  } else {
    createdAt = at(-random.between(HOUR, 60 * DAY));
    const when = random.weighted({ none: 15, overdue: 20, thisWeek: 25, later: 40 });
    dueAt =
      when === 'none'
        ? null
        : when === 'overdue'
          ? new Date(random.between(createdAt.getTime(), now.getTime() - HOUR))
          : when === 'thisWeek'
            ? at(random.between(HOUR, 6.5 * DAY))
            : at(random.between(8 * DAY, 60 * DAY));
  }
  const updatedAt = new Date(Math.max(createdAt.getTime(), completedAt?.getTime() ?? 0));

  return {
    title: `${random.pick(VERBS)} ${random.pick(OBJECTS)}`,
    description: `${random.pick(CONTEXTS)} Demo task #${index + 1}, created by \`npm run seed:demo\`.`,
    status,
    priority: random.weighted<TaskPriority>(PRIORITY_WEIGHTS),
    dueAt,
    assigneeId,
    labels: random.some(DEMO_LABELS, 3),
    ownerId,
    createdAt,
    updatedAt,
    completedAt,
  };
}
