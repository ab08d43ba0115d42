import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged, map, merge } from 'rxjs';
import { PageState } from '../../components/page-state/page-state';
import { Auth } from '../../core/auth/auth';
import { type Problem, problemMessage, toProblem } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import { confirmDelete } from './confirm-delete-dialog';
import { openTaskDialog } from './task-dialog';
import { type TaskStreamEvent, TaskEvents } from './task-events';
import {
  assigneeLabel,
  isOverdue,
  PRIORITY_LABELS,
  priorityLabel,
  SORT_OPTIONS,
  STATUS_LABELS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type Task,
  type TaskStatus,
} from './task-model';
import {
  EMPTY_QUERY,
  hasFilters,
  paramsFromQuery,
  queryFromParams,
  sameQuery,
  type TaskListQuery,
} from './task-query';
import { liveAction } from './task-live';
import { TaskWriter } from './task-writer';
import { TasksApi } from './tasks-api';

const ALL_COLUMNS = [
  'select',
  'title',
  'status',
  'priority',
  'assignee',
  'labels',
  'dueAt',
  'updatedAt',
  'actions',
] as const;
const MEDIUM_COLUMNS = ALL_COLUMNS.filter((column) => column !== 'updatedAt');
const NARROW_COLUMNS = ['select', 'title', 'status', 'actions'] as const;

/**
 * The tasks the caller can see: filters, search and sort kept in the URL, cursor paging,
 * inline and bulk status changes, create/edit/delete with undo, live updates from the stream.
 */
@Component({
  selector: 'tt-tasks-page',
  imports: [
    DatePipe,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatTableModule,
    MatTooltipModule,
    PageState,
    ReactiveFormsModule,
    RouterLink,
  ],
  templateUrl: './tasks-page.html',
  styleUrl: './tasks-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [TaskEvents],
})
export class TasksPage {
  private readonly api = inject(TasksApi);
  private readonly breakpoints = inject(BreakpointObserver);
  private readonly writer = inject(TaskWriter);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(Auth);
  protected readonly network = inject(NetworkStatus);
  protected readonly live = inject(TaskEvents);

  protected readonly statuses = TASK_STATUSES;
  protected readonly priorities = TASK_PRIORITIES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly priorityLabels = PRIORITY_LABELS;
  protected readonly sortOptions = SORT_OPTIONS;
  protected readonly priorityLabel = priorityLabel;

  /** Phones: priority and due date move under the title; low-value columns go. */
  protected readonly narrow = this.matches('(max-width: 720px)');
  private readonly medium = this.matches('(max-width: 1400px)');
  protected readonly columns = computed<readonly string[]>(() => {
    if (this.narrow()) return NARROW_COLUMNS;
    return this.medium() ? MEDIUM_COLUMNS : ALL_COLUMNS;
  });

  /** The filters as the URL has them (the source of truth; the form follows it). */
  protected readonly query = signal<TaskListQuery>(EMPTY_QUERY);
  protected readonly filtered = computed(() => hasFilters(this.query()));
  protected readonly filters = inject(FormBuilder).nonNullable.group({
    q: [''],
    status: [[] as TaskStatus[]],
    priority: [[] as TaskListQuery['priority']],
    label: [''],
    overdue: [false],
    sort: [EMPTY_QUERY.sort],
  });

  protected readonly items = signal<Task[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadingMore = signal(false);
  protected readonly error = signal<Problem | null>(null);
  /** Tasks the stream reported changed that the list does not show (yet). */
  private readonly pendingIds = signal<ReadonlySet<string>>(new Set());
  /** The stream reconnected: changes may have been missed. */
  private readonly stale = signal(false);
  protected readonly pendingChanges = computed(() => {
    const shown = new Set(this.items().map((task) => task.id));
    const unseen = [...this.pendingIds()].filter((id) => !shown.has(id)).length;
    return Math.max(unseen, this.stale() ? 1 : 0);
  });
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly busyRows = signal<ReadonlySet<string>>(new Set());
  protected readonly bulkBusy = signal(false);
  protected readonly bulkStatus = signal<TaskStatus | null>(null);

  protected readonly allSelected = computed(() => {
    const items = this.items();
    return items.length > 0 && items.every((task) => this.selected().has(task.id));
  });
  protected readonly someSelected = computed(() => this.selected().size > 0 && !this.allSelected());

  /** The highest version seen per task: stream events at or below it are my own writes. */
  private readonly versions = new Map<string, number>();
  private loadSeq = 0;

  constructor() {
    this.route.queryParams
      .pipe(map(queryFromParams), distinctUntilChanged(sameQuery), takeUntilDestroyed())
      .subscribe((query) => {
        this.query.set(query);
        this.followUrl(query);
        void this.reload();
      });

    const controls = this.filters.controls;
    merge(
      merge(controls.q.valueChanges, controls.label.valueChanges).pipe(debounceTime(300)),
      merge(
        controls.status.valueChanges,
        controls.priority.valueChanges,
        controls.overdue.valueChanges,
        controls.sort.valueChanges,
      ),
    )
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.applyFilters());

    this.live.events
      .pipe(takeUntilDestroyed())
      .subscribe((event) => void this.onStreamEvent(event));
    this.live.start();
  }

  private matches(query: string) {
    return toSignal(this.breakpoints.observe(query).pipe(map((state) => state.matches)), {
      initialValue: globalThis.matchMedia?.(query).matches ?? false,
    });
  }

  protected assignee(task: Task): string {
    return assigneeLabel(task.assigneeId, this.auth.user()?.id);
  }

  protected overdue(task: Task): boolean {
    return isOverdue(task);
  }

  protected readonly trackById = (_index: number, task: Task) => task.id;

  protected clearFilters(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: {}, replaceUrl: true });
  }

  /** Puts the URL's filters in the form, leaving alone what already means the same (typing). */
  private followUrl(query: TaskListQuery): void {
    const current = this.filters.getRawValue();
    const patch: Partial<typeof current> = {};
    if (current.q.trim() !== query.q) patch.q = query.q;
    if (current.label.trim() !== query.label) patch.label = query.label;
    if (current.status.join() !== query.status.join()) patch.status = query.status;
    if (current.priority.join() !== query.priority.join()) patch.priority = query.priority;
    if (current.overdue !== query.overdue) patch.overdue = query.overdue;
    if (current.sort !== query.sort) patch.sort = query.sort;
    this.filters.patchValue(patch, { emitEvent: false });
  }

  private applyFilters(): void {
    const value = this.filters.getRawValue();
    const next: TaskListQuery = { ...value };
    if (sameQuery(next, this.query())) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: paramsFromQuery(next),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  /** The first page for the current query (also "refresh" after live changes). */
  protected async reload(): Promise<void> {
    const seq = ++this.loadSeq;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.list(this.query());
      if (seq !== this.loadSeq) return;
      page.items.forEach((task) => this.note(task));
      this.items.set(page.items);
      this.nextCursor.set(page.nextCursor);
      this.pendingIds.set(new Set());
      this.stale.set(false);
      const visible = new Set(page.items.map((task) => task.id));
      this.selected.update((ids) => new Set([...ids].filter((id) => visible.has(id))));
    } catch (error) {
      if (seq === this.loadSeq) this.error.set(toProblem(error));
    } finally {
      if (seq === this.loadSeq) this.loading.set(false);
    }
  }

  protected async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    const seq = this.loadSeq;
    this.loadingMore.set(true);
    try {
      const page = await this.api.list(this.query(), cursor);
      if (seq !== this.loadSeq) return;
      page.items.forEach((task) => this.note(task));
      const have = new Set(this.items().map((task) => task.id));
      this.items.update((items) => [...items, ...page.items.filter((task) => !have.has(task.id))]);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      this.toast(problemMessage(toProblem(error)));
    } finally {
      this.loadingMore.set(false);
    }
  }

  protected async create(): Promise<void> {
    if (!this.network.online()) return;
    const result = await openTaskDialog(this.dialog, null);
    if (result?.kind !== 'created') return;
    const task = result.task;
    this.note(task);
    this.forgetPending(task.id);
    if (!this.filtered()) {
      this.items.update((items) => [task, ...items.filter((item) => item.id !== task.id)]);
    }
    this.snackBar
      .open(this.filtered() ? 'Task created (hidden by the filters)' : 'Task created', 'Open', {
        duration: 5000,
      })
      .onAction()
      .subscribe(() => void this.router.navigate(['/tasks', task.id]));
  }

  protected async edit(task: Task): Promise<void> {
    if (!this.network.online()) return;
    const result = await openTaskDialog(this.dialog, task);
    if (!result) return;
    this.applyResult(task.id, result.task);
    if (result.kind === 'reloaded')
      this.toast('Your change was discarded; showing the current task.');
  }

  /** Inline status change: shown at once, rolled back if the server refuses it. */
  protected async changeStatus(task: Task, status: TaskStatus): Promise<void> {
    if (status === task.status) return;
    this.replace({ ...task, status });
    this.setBusy(task.id, true);
    try {
      const result = await this.writer.update(task, { status });
      this.applyResult(task.id, result.task);
      if (result.outcome === 'reloaded') {
        this.toast('Your change was discarded; showing the current task.');
      }
    } catch (error) {
      this.replace(task);
      this.toast(problemMessage(toProblem(error)));
    } finally {
      this.setBusy(task.id, false);
    }
  }

  protected async remove(task: Task): Promise<void> {
    if (!this.network.online()) return;
    if (!(await confirmDelete(this.dialog, task.title))) return;
    const index = this.items().findIndex((item) => item.id === task.id);
    this.setBusy(task.id, true);
    try {
      const result = await this.writer.remove(task);
      if (result.outcome === 'reloaded') {
        this.applyResult(task.id, result.task);
        this.toast('The task was not deleted; showing the current version.');
        return;
      }
      this.note(result.task);
      this.drop(task.id);
      this.offerUndo(result.task, index);
    } catch (error) {
      this.toast(problemMessage(toProblem(error)));
    } finally {
      this.setBusy(task.id, false);
    }
  }

  private offerUndo(task: Task, index: number): void {
    this.snackBar
      .open('Task deleted', 'Undo', { duration: 10_000 })
      .onAction()
      .subscribe(() => void this.undoDelete(task, index));
  }

  private async undoDelete(task: Task, index: number): Promise<void> {
    try {
      const restored = await this.api.restore(task.id);
      this.note(restored);
      this.items.update((items) => {
        const rest = items.filter((item) => item.id !== restored.id);
        const at = Math.max(0, Math.min(index, rest.length));
        return [...rest.slice(0, at), restored, ...rest.slice(at)];
      });
      this.toast('Task restored');
    } catch (error) {
      this.toast(problemMessage(toProblem(error)));
    }
  }

  protected toggle(task: Task): void {
    this.selected.update((ids) => {
      const next = new Set(ids);
      if (next.has(task.id)) next.delete(task.id);
      else next.add(task.id);
      return next;
    });
  }

  protected toggleAll(): void {
    this.selected.set(
      this.allSelected() ? new Set() : new Set(this.items().map((task) => task.id)),
    );
  }

  protected clearSelection(): void {
    this.selected.set(new Set());
  }

  protected async applyBulkStatus(): Promise<void> {
    const status = this.bulkStatus();
    const ids = [...this.selected()];
    if (!status || ids.length === 0 || !this.network.online()) return;
    this.bulkBusy.set(true);
    try {
      const updated = await this.api.bulkUpdate(ids, { status });
      updated.forEach((task) => {
        this.note(task);
        this.replace(task);
      });
      this.selected.set(new Set());
      this.bulkStatus.set(null);
      this.toast(
        `${updated.length} ${updated.length === 1 ? 'task' : 'tasks'} set to ${STATUS_LABELS[status]}`,
      );
    } catch (error) {
      this.toast(problemMessage(toProblem(error)));
    } finally {
      this.bulkBusy.set(false);
    }
  }

  /** A change from the stream: refresh that row, or count it for the "refresh" note. */
  private async onStreamEvent(event: TaskStreamEvent): Promise<void> {
    if (event.type === 'resync') {
      this.stale.set(true);
      return;
    }
    const action = liveAction(event, {
      knownVersion: this.versions.get(event.id),
      shown: this.items().some((task) => task.id === event.id),
      writing: this.busyRows().has(event.id),
    });
    if (action === 'ignore') return;
    if (action === 'drop') {
      this.versions.set(event.id, event.version);
      this.drop(event.id);
      return;
    }
    if (action === 'count') {
      // Counted unless it turns out to be mine (a create whose dialog is still closing).
      this.pendingIds.update((ids) => new Set(ids).add(event.id));
      return;
    }
    try {
      const task = await this.api.get(event.id);
      this.applyResult(event.id, task);
    } catch (error) {
      if (toProblem(error).status === 404) this.drop(event.id);
    }
  }

  /** Puts the server's task in place of its row, or drops the row when the task is gone. */
  private applyResult(id: string, task: Task | null): void {
    if (!task) {
      this.drop(id);
      return;
    }
    this.note(task);
    this.replace(task);
  }

  private replace(task: Task): void {
    this.items.update((items) => items.map((item) => (item.id === task.id ? task : item)));
  }

  private drop(id: string): void {
    this.items.update((items) => items.filter((item) => item.id !== id));
    if (this.selected().has(id)) {
      this.selected.update((ids) => new Set([...ids].filter((item) => item !== id)));
    }
  }

  private forgetPending(id: string): void {
    if (!this.pendingIds().has(id)) return;
    this.pendingIds.update((ids) => new Set([...ids].filter((item) => item !== id)));
  }

  private note(task: Task): void {
    this.versions.set(task.id, Math.max(task.version, this.versions.get(task.id) ?? 0));
  }

  private setBusy(id: string, busy: boolean): void {
    this.busyRows.update((ids) => {
      const next = new Set(ids);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  private toast(message: string): void {
    this.snackBar.open(message, 'Dismiss', { duration: 6000 });
  }
}
