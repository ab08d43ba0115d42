import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router } from '@angular/router';
import { map } from 'rxjs';
import { PageState } from '../../components/page-state/page-state';
import { type Problem, problemMessage, toProblem } from '../../core/errors/problem';
import { AuditEventDetail } from './audit-event-detail';
import { AuditExportPanel } from './audit-export-panel';
import {
  filtersFromQuery,
  filtersToQuery,
  fromLocalInput,
  hasFilters,
  toLocalInput,
} from './audit-filters';
import { type AuditEvent, type AuditEventFilters, AuditLogApi } from './audit-log-api';
import { ChainVerifyPanel } from '../../components/audit-chain/chain-verify-panel';

const PAGE_SIZE = 50;

/** "To" must come after "From" when both are set. */
function rangeInOrder(group: AbstractControl): ValidationErrors | null {
  const from = fromLocalInput(group.get('from')?.value as string);
  const to = fromLocalInput(group.get('to')?.value as string);
  return from && to && from >= to ? { range: true } : null;
}

/**
 * The audit log for auditors and admins: filtered event table (filters live in the URL) with
 * cursor paging, a detail drawer, background export with progress, and chain verification.
 */
@Component({
  selector: 'tt-audit-log-page',
  imports: [
    AuditEventDetail,
    AuditExportPanel,
    ChainVerifyPanel,
    DatePipe,
    MatButtonModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSidenavModule,
    MatTableModule,
    PageState,
    ReactiveFormsModule,
  ],
  templateUrl: './audit-log-page.html',
  styleUrl: './audit-log-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogPage {
  private readonly api = inject(AuditLogApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly columns = ['seq', 'occurredAt', 'actor', 'action', 'target', 'outcome'];
  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 599px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      action: [''],
      actorId: [''],
      targetType: [''],
      targetId: [''],
      outcome: [''],
      from: [''],
      to: [''],
    },
    { validators: rangeInOrder },
  );

  protected readonly filters = signal<AuditEventFilters>({});
  protected readonly events = signal<AuditEvent[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadingMore = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly moreProblem = signal<Problem | null>(null);
  protected readonly selected = signal<AuditEvent | null>(null);
  protected readonly message = problemMessage;
  protected readonly filtered = computed(() => hasFilters(this.filters()));
  protected readonly activeFilterCount = computed(
    () => Object.values(this.filters()).filter(Boolean).length,
  );

  private generation = 0;

  constructor() {
    this.route.queryParams
      .pipe(
        map((params) => filtersFromQuery(params)),
        takeUntilDestroyed(),
      )
      .subscribe((filters) => {
        this.filters.set(filters);
        this.form.reset({
          action: filters.action ?? '',
          actorId: filters.actorId ?? '',
          targetType: filters.targetType ?? '',
          targetId: filters.targetId ?? '',
          outcome: filters.outcome ?? '',
          from: toLocalInput(filters.from),
          to: toLocalInput(filters.to),
        });
        void this.load();
      });
  }

  /** Reloads the first page with the current filters. */
  protected async load(): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.problem.set(null);
    this.moreProblem.set(null);
    try {
      const page = await this.api.listEvents(this.filters(), undefined, PAGE_SIZE);
      if (generation !== this.generation) return;
      this.events.set(page.items);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      if (generation !== this.generation) return;
      this.problem.set(toProblem(error));
      this.events.set([]);
      this.nextCursor.set(null);
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  protected async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    const generation = this.generation;
    this.loadingMore.set(true);
    this.moreProblem.set(null);
    try {
      const page = await this.api.listEvents(this.filters(), cursor, PAGE_SIZE);
      if (generation !== this.generation) return;
      this.events.update((events) => [...events, ...page.items]);
      this.nextCursor.set(page.nextCursor);
    } catch (error) {
      if (generation === this.generation) this.moreProblem.set(toProblem(error));
    } finally {
      this.loadingMore.set(false);
    }
  }

  /** Puts the form's filters into the URL, which reloads the table. */
  protected async applyFilters(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const next = filtersFromQuery({
      ...value,
      from: fromLocalInput(value.from),
      to: fromLocalInput(value.to),
    });
    if (JSON.stringify(next) === JSON.stringify(this.filters())) {
      await this.load();
      return;
    }
    await this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filtersToQuery(next),
      queryParamsHandling: 'merge',
    });
  }

  protected async clearFilters(): Promise<void> {
    await this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filtersToQuery({}),
      queryParamsHandling: 'merge',
    });
  }

  protected open(event: AuditEvent): void {
    this.selected.set(event);
  }

  protected close(): void {
    this.selected.set(null);
  }

  protected actorLabel(event: AuditEvent): string {
    return event.actor.display || event.actor.id || event.actor.type;
  }
}
