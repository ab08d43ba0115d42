// Pure RFC 9162 Merkle tree, proofs and C2SP checkpoint notes for the audit log (no I/O).
export * from './tree-hash';
export * from './tree-math';
export * from './frontier';
export * from './verify-proof';
export * from './checkpoint-note';
