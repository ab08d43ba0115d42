import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Counter, Gauge } from 'prom-client';
import { Env } from '../../config/env.schema';
import { MetricsRegistry } from '../../metrics/metrics.registry';
import { parseCheckpointBody, parseNote } from '../merkle';
import { AuditCosignaturesRepository } from './audit-cosignatures.repository';
import { CosignedFiles } from './cosigned-files';
import { requestCosignature, type WitnessTarget, WitnessUnavailableError } from './witness-client';
import { witnessTargets } from './witness-config';
import { WITNESSED_LOG, type WitnessedLog } from './witnessed-log';

export interface WitnessRound {
  cosigned: number;
  refused: number;
  /** Witnesses that could not be reached (the job is retried). */
  unavailable: number;
}

/**
 * Sends the latest committed checkpoint to every configured witness (AUDIT_WITNESS_URL) and
 * stores the cosignatures: in `audit_checkpoint_cosignatures` and as a new file next to the
 * published checkpoint. Runs in the worker, outside any sealing transaction. A refusal is
 * loud (error log, `audit_witness_refusals_total`): it means the log's history changed.
 */
@Injectable()
export class AuditWitnessService {
  private readonly logger = new Logger(AuditWitnessService.name);
  private readonly targets: WitnessTarget[];
  private readonly timeoutMs: number;
  private readonly refusals: Counter<'witness' | 'status'> | undefined;
  private readonly cosignatures: Counter<'witness'> | undefined;
  private readonly refusing: Gauge<'witness'> | undefined;
  /** Per witness key: the checkpoint (size:root) it last refused, not resent every sweep. */
  private readonly refused = new Map<string, string>();

  constructor(
    private readonly repository: AuditCosignaturesRepository,
    private readonly files: CosignedFiles,
    @Inject(WITNESSED_LOG) private readonly log: WitnessedLog,
    config: ConfigService<Env, true>,
    @Optional() metrics?: MetricsRegistry,
  ) {
    this.targets = witnessTargets(
      config.get('AUDIT_WITNESS_URL', { infer: true }),
      config.get('AUDIT_WITNESS_VKEY', { infer: true }),
    );
    this.timeoutMs = config.get('AUDIT_WITNESS_TIMEOUT_MS', { infer: true });
    const registers = metrics ? [metrics.registry] : undefined;
    this.refusals = registers
      ? new Counter({
          name: 'audit_witness_refusals_total',
          help: 'Checkpoints a witness refused to co-sign (the log history changed, or a misconfiguration)',
          labelNames: ['witness', 'status'],
          registers,
        })
      : undefined;
    this.cosignatures = registers
      ? new Counter({
          name: 'audit_witness_cosignatures_total',
          help: 'Checkpoint cosignatures received from witnesses',
          labelNames: ['witness'],
          registers,
        })
      : undefined;
    this.refusing = registers
      ? new Gauge({
          name: 'audit_witness_refusing',
          help: '1 while the latest checkpoint sent to this witness was refused, else 0 (alert on 1)',
          labelNames: ['witness'],
          registers,
        })
      : undefined;
  }

  get enabled(): boolean {
    return this.targets.length > 0;
  }

  /** Asks each witness for the latest checkpoint; throws if one could not be reached. */
  async witnessLatest(): Promise<WitnessRound> {
    const round: WitnessRound = { cosigned: 0, refused: 0, unavailable: 0 };
    if (!this.enabled) return round;
    const latest = await this.log.latestCheckpoint();
    if (!latest) return round;
    const errors: string[] = [];
    for (const target of this.targets) {
      try {
        const outcome = await this.witnessOne(target, latest.note);
        if (outcome === 'cosigned') round.cosigned += 1;
        if (outcome === 'refused') round.refused += 1;
      } catch (error) {
        if (!(error instanceof WitnessUnavailableError)) throw error;
        round.unavailable += 1;
        errors.push(error.message);
      }
    }
    if (errors.length > 0) throw new WitnessUnavailableError(errors.join('; '));
    return round;
  }

  private async witnessOne(
    target: WitnessTarget,
    note: string,
  ): Promise<'cosigned' | 'refused' | 'skipped'> {
    const checkpoint = parseCheckpointBody(parseNote(note).body);
    const keyId = target.key.keyHash.toString('hex');
    const root = checkpoint.root.toString('base64');
    const last = await this.repository.lastCosigned(keyId);
    const lastSize = last?.treeSize ?? 0;
    // Already co-signed, or already refused: only another checkpoint is worth a request.
    if (last && last.treeSize === checkpoint.size && last.rootHash === root) return 'skipped';
    if (this.refused.get(keyId) === `${checkpoint.size}:${root}`) return 'skipped';
    const outcome = await requestCosignature(target, {
      checkpoint: note,
      size: checkpoint.size,
      oldSize: Math.min(lastSize, checkpoint.size),
      proof: (from) => this.log.consistencyProof(from, checkpoint.size),
      timeoutMs: this.timeoutMs,
    });
    if (outcome.kind === 'refused') {
      this.refused.set(keyId, `${checkpoint.size}:${root}`);
      this.refusals?.inc({ witness: target.key.name, status: String(outcome.status) });
      this.refusing?.set({ witness: target.key.name }, 1);
      this.logger.error(
        `Witness ${target.key.name} (${target.url}) REFUSED to co-sign the audit checkpoint at ` +
          `size ${checkpoint.size} (HTTP ${outcome.status}): ${outcome.reason}. The log's ` +
          'history may have been rewritten; run npm run audit:verify and see docs/audit-log.md.',
      );
      return 'refused';
    }
    this.refused.delete(keyId);
    await this.repository.insert({
      treeSize: checkpoint.size,
      witnessName: target.key.name,
      witnessKeyId: keyId,
      rootHash: root,
      signatureLine: outcome.line,
      cosignedAt: new Date(outcome.timestamp * 1000),
    });
    await this.files.write(checkpoint.size, keyId, note, outcome.line);
    this.cosignatures?.inc({ witness: target.key.name });
    this.refusing?.set({ witness: target.key.name }, 0);
    return 'cosigned';
  }
}
