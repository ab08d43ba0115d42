import type { VerificationOutcome } from './chain-verification';

const count = new Intl.NumberFormat('en');

function events(n: number): string {
  return `${count.format(n)} ${n === 1 ? 'event' : 'events'}`;
}

/** "1,042 events check out, up to head #1042." */
export function intactChainText(outcome: VerificationOutcome): string {
  const head = outcome.headSeq ? `, up to head #${outcome.headSeq}` : '';
  return `${events(outcome.result.checked)} ${outcome.result.checked === 1 ? 'checks' : 'check'} out${head}.`;
}

/** "First broken link at event #17: hash does not match. 16 events checked." */
export function brokenChainText(outcome: VerificationOutcome): string {
  const { firstBadSeq, reason, checked } = outcome.result;
  const where = firstBadSeq
    ? `First broken link at event #${firstBadSeq}`
    : 'An event does not verify';
  const why = reason ? `: ${reason}` : '';
  return `${where}${why}. ${events(checked)} checked.`;
}
