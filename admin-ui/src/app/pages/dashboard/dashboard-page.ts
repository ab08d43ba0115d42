import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
  type WritableSignal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { PageState } from '../../components/page-state/page-state';
import { Auth } from '../../core/auth/auth';
import { type Problem, toProblem } from '../../core/errors/problem';
import { type AuditStats, AuditChainApi } from '../../components/audit-chain/audit-chain-api';
import { ChainVerifyPanel } from '../../components/audit-chain/chain-verify-panel';
import { DailyChart } from './daily-chart';
import { DashboardApi, type Task, type TaskStats } from './dashboard-api';
import { barRows, openTasks, PRIORITY_LABELS, STATUS_LABELS } from './dashboard-figures';

/** Loading state of one part of the page. */
interface Part<T> {
  loading: boolean;
  data: T | null;
  problem: Problem | null;
}

const initial = <T>(): Part<T> => ({ loading: true, data: null, problem: null });

/**
 * Where every role lands. Employees and admins: task counts, a 30-day completion chart and their
 * next tasks. Auditors and admins: audit events per day and the hash chain's verify status.
 */
@Component({
  selector: 'tt-dashboard-page',
  imports: [
    ChainVerifyPanel,
    DailyChart,
    DatePipe,
    MatButtonModule,
    MatIconModule,
    PageState,
    RouterLink,
  ],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  private readonly auth = inject(Auth);
  private readonly api = inject(DashboardApi);
  private readonly auditApi = inject(AuditChainApi);

  protected readonly showTasks = computed(() => this.auth.hasAnyRole(['employee', 'admin']));
  protected readonly showAudit = computed(() => this.auth.hasAnyRole(['auditor', 'admin']));
  protected readonly isAdmin = computed(() => this.auth.hasAnyRole(['admin']));
  protected readonly firstName = computed(
    () => this.auth.user()?.displayName.split(/\s+/)[0] ?? '',
  );

  protected readonly stats = signal<Part<TaskStats>>(initial());
  protected readonly next = signal<Part<Task[]>>(initial());
  protected readonly audit = signal<Part<AuditStats>>(initial());

  protected readonly statusRows = computed(() => {
    const data = this.stats().data;
    return data ? barRows(data.byStatus, STATUS_LABELS) : [];
  });
  protected readonly priorityRows = computed(() => {
    const data = this.stats().data;
    return data ? barRows(data.byPriority, PRIORITY_LABELS) : [];
  });
  protected readonly open = computed(() => {
    const data = this.stats().data;
    return data ? openTasks(data) : 0;
  });
  protected readonly completedLast30 = computed(
    () => this.stats().data?.completedPerDay.reduce((sum, day) => sum + day.count, 0) ?? 0,
  );
  protected readonly eventsLast30 = computed(
    () => this.audit().data?.eventsPerDay.reduce((sum, day) => sum + day.count, 0) ?? 0,
  );
  protected readonly statusLabels: Readonly<Record<Task['status'], string>> = STATUS_LABELS;
  protected readonly priorityLabels: Readonly<Record<Task['priority'], string>> = PRIORITY_LABELS;
  protected readonly now = signal(Date.now());

  constructor() {
    if (this.showTasks()) {
      void this.loadStats();
      void this.loadNext();
    }
    if (this.showAudit()) void this.loadAudit();
  }

  protected loadStats(): Promise<void> {
    return load(this.stats, () => this.api.taskStats());
  }

  protected loadNext(): Promise<void> {
    this.now.set(Date.now());
    return load(this.next, () => this.api.nextTasks(5));
  }

  protected loadAudit(): Promise<void> {
    return load(this.audit, () => this.auditApi.stats());
  }

  protected isOverdue(task: Task): boolean {
    return task.dueAt !== null && new Date(task.dueAt).getTime() < this.now();
  }
}

async function load<T>(part: WritableSignal<Part<T>>, fetch: () => Promise<T>): Promise<void> {
  part.update((state) => ({ ...state, loading: true, problem: null }));
  try {
    const data = await fetch();
    part.set({ loading: false, data, problem: null });
  } catch (error) {
    part.set({ loading: false, data: null, problem: toProblem(error) });
  }
}
