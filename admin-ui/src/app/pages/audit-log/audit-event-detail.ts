import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { InclusionProofPanel } from '../../components/transparency/inclusion-proof-panel';
import type { AuditEvent } from './audit-log-api';
import { changeRows } from './event-changes';

/**
 * Everything about one audit event: who, what, before/after, request, its chain link, and a
 * browser-side proof that it is in the signed Merkle tree.
 */
@Component({
  selector: 'tt-audit-event-detail',
  imports: [DatePipe, InclusionProofPanel, MatButtonModule, MatIconModule],
  templateUrl: './audit-event-detail.html',
  styleUrl: './audit-event-detail.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditEventDetail {
  readonly event = input.required<AuditEvent>();
  readonly closed = output<void>();
  protected readonly changes = computed(() => changeRows(this.event().changes));
}
