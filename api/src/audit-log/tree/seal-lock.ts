/** Advisory lock that makes sealing (chain, tree, checkpoints) single-file across all workers. */
export const AUDIT_SEAL_LOCK = 7_263_921_000_001;
