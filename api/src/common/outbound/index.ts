export { parseAllowList, forbiddenRangeOf, type AllowEntry } from './address-policy';
export {
  OutboundHttpClient,
  OUTBOUND_TIMEOUT_MS,
  RESPONSE_BODY_PREFIX_BYTES,
  type OutboundRequest,
  type OutboundResult,
} from './outbound-http-client';
export { OutboundRefusedError, type OutboundRefusalReason } from './outbound-errors';
export { OutboundModule } from './outbound.module';
export { OUTBOUND_URL_MAX_LENGTH, type OutboundPolicy } from './outbound-url';
