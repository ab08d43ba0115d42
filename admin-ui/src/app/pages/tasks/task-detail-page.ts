import { DatePipe, Location } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { PageState } from '../../components/page-state/page-state';
import { Auth } from '../../core/auth/auth';
import { type Problem, problemMessage, toProblem } from '../../core/errors/problem';
import { NetworkStatus } from '../../core/offline/network-status';
import { confirmDelete } from './confirm-delete-dialog';
import { openTaskDialog } from './task-dialog';
import { TaskEvents } from './task-events';
import { type HistoryEntry, historyEntry } from './task-format';
import { isOverdue, PRIORITY_LABELS, STATUS_LABELS, type Task } from './task-model';
import { TaskWriter } from './task-writer';
import { TasksApi } from './tasks-api';

/** New audit events are sealed by the worker about a second after the change. */
const HISTORY_POLL_MS = 1_000;
const HISTORY_POLLS = 6;

/** One task: every field, edit and delete, and its history (newest first). */
@Component({
  selector: 'tt-task-detail-page',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatTooltipModule, PageState],
  templateUrl: './task-detail-page.html',
  styleUrl: './task-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [TaskEvents],
})
export class TaskDetailPage {
  /** The task id, from the route. */
  readonly id = input.required<string>();

  private readonly api = inject(TasksApi);
  private readonly writer = inject(TaskWriter);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly auth = inject(Auth);
  private readonly live = inject(TaskEvents);
  private readonly title = inject(Title);
  protected readonly network = inject(NetworkStatus);

  protected readonly statusLabels = STATUS_LABELS;
  protected readonly priorityLabels = PRIORITY_LABELS;

  protected readonly task = signal<Task | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  /** Set when someone else deleted the task while it was on screen. */
  protected readonly goneNotice = signal(false);

  protected readonly history = signal<HistoryEntry[]>([]);
  protected readonly historyCursor = signal<string | null>(null);
  protected readonly historyLoading = signal(true);
  protected readonly historyError = signal<Problem | null>(null);

  protected readonly overdue = computed(() => {
    const task = this.task();
    return task ? isOverdue(task) : false;
  });
  protected readonly myId = computed(() => this.auth.user()?.id ?? null);

  private loadSeq = 0;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
    this.live.events.pipe(takeUntilDestroyed()).subscribe((event) => {
      const task = this.task();
      if (event.type === 'resync') {
        if (task) void this.refresh(task.id);
        return;
      }
      if (!task || event.id !== task.id || event.version <= task.version) return;
      if (event.type === 'task.deleted') {
        this.goneNotice.set(true);
        this.pollHistory();
        return;
      }
      void this.refresh(task.id);
    });
    effect(() => {
      const task = this.task();
      if (task) this.title.setTitle(`${task.title} · TaskTrackr`);
    });
    this.live.start();
    inject(DestroyRef).onDestroy(() => clearTimeout(this.pollTimer));
  }

  protected person(id: string | null): string {
    if (!id) return '—';
    return id === this.myId() ? 'me' : id;
  }

  protected async load(id: string): Promise<void> {
    const seq = ++this.loadSeq;
    this.loading.set(true);
    this.error.set(null);
    this.goneNotice.set(false);
    try {
      const task = await this.api.get(id);
      if (seq === this.loadSeq) this.task.set(task);
    } catch (error) {
      if (seq === this.loadSeq) this.error.set(toProblem(error));
    } finally {
      if (seq === this.loadSeq) this.loading.set(false);
    }
    if (seq === this.loadSeq) await this.loadHistory(id);
  }

  /** The task and its history again, without blanking the screen (a live change). */
  private async refresh(id: string): Promise<void> {
    try {
      const task = await this.api.get(id);
      this.task.set(task);
      this.goneNotice.set(false);
    } catch (error) {
      if (toProblem(error).status === 404) this.goneNotice.set(true);
    }
    this.pollHistory();
  }

  protected async loadHistory(id = this.id(), cursor: string | null = null): Promise<void> {
    this.historyLoading.set(true);
    this.historyError.set(null);
    try {
      const page = await this.api.history(id, cursor);
      const entries = page.items.map(historyEntry);
      this.history.update((current) => (cursor ? [...current, ...entries] : entries));
      this.historyCursor.set(page.nextCursor);
    } catch (error) {
      this.historyError.set(toProblem(error));
    } finally {
      this.historyLoading.set(false);
    }
  }

  /** After a change, re-reads the history until its new event is sealed (a few seconds). */
  private pollHistory(): void {
    clearTimeout(this.pollTimer);
    const newest = this.history()[0]?.id;
    let polls = 0;
    const poll = async () => {
      polls += 1;
      await this.loadHistory();
      if (this.history()[0]?.id === newest && polls < HISTORY_POLLS) {
        this.pollTimer = setTimeout(() => void poll(), HISTORY_POLL_MS);
      }
    };
    this.pollTimer = setTimeout(() => void poll(), HISTORY_POLL_MS);
  }

  protected back(): void {
    if (this.router.lastSuccessfulNavigation()?.previousNavigation) this.location.back();
    else void this.router.navigate(['/tasks']);
  }

  protected async edit(): Promise<void> {
    const task = this.task();
    if (!task || !this.network.online()) return;
    const result = await openTaskDialog(this.dialog, task);
    if (!result) return;
    if (result.task) this.task.set(result.task);
    else this.goneNotice.set(true);
    if (result.kind === 'reloaded') {
      this.toast('Your change was discarded; showing the current task.');
    }
    this.pollHistory();
  }

  protected async remove(): Promise<void> {
    const task = this.task();
    if (!task || !this.network.online()) return;
    if (!(await confirmDelete(this.dialog, task.title))) return;
    this.busy.set(true);
    try {
      const result = await this.writer.remove(task);
      if (result.outcome === 'reloaded') {
        if (result.task) this.task.set(result.task);
        this.toast('The task was not deleted; showing the current version.');
        this.pollHistory();
        return;
      }
      await this.router.navigate(['/tasks']);
      this.snackBar
        .open('Task deleted', 'Undo', { duration: 10_000 })
        .onAction()
        .subscribe(() => void this.undo(task.id));
    } catch (error) {
      this.toast(problemMessage(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }

  private async undo(id: string): Promise<void> {
    try {
      await this.api.restore(id);
      this.snackBar.open('Task restored', 'Dismiss', { duration: 5000 });
      await this.router.navigate(['/tasks', id]);
    } catch (error) {
      this.toast(problemMessage(toProblem(error)));
    }
  }

  private toast(message: string): void {
    this.snackBar.open(message, 'Dismiss', { duration: 6000 });
  }
}
