import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { consistencyProof } from '../merkle';
import { merkleStore } from '../tree/merkle-store';
import type { WitnessedLog } from './witnessed-log';

/** The audit log as the witness service sees it: `audit_tree_checkpoints` and the node store. */
@Injectable()
export class TreeWitnessedLog implements WitnessedLog {
  constructor(private readonly dataSource: DataSource) {}

  async latestCheckpoint(): Promise<{ size: number; note: string } | undefined> {
    const rows: { tree_size: string; note: string }[] = await this.dataSource.query(
      'SELECT tree_size, note FROM audit_tree_checkpoints ORDER BY tree_size DESC LIMIT 1',
    );
    return rows[0] && { size: Number(rows[0].tree_size), note: rows[0].note };
  }

  consistencyProof(from: number, to: number): Promise<Buffer[]> {
    return consistencyProof(merkleStore.reader(this.dataSource), from, to);
  }
}
