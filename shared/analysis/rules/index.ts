/** Every rule, in the order of model-format.md section 5, then Keel's additions. */
import type { Rule } from './rule';
import { rule as capacityOverload } from './capacity-overload';
import { rule as capacityHotspot } from './capacity-hotspot';
import { rule as latencySlo } from './latency-slo';
import { rule as availabilitySlo } from './availability-slo';
import { rule as resilienceSpof } from './resilience-spof';
import { rule as resilienceSyncCycle } from './resilience-sync-cycle';
import { rule as resilienceRetryAmplification } from './resilience-retry-amplification';
import { rule as resilienceMissingTimeout } from './resilience-missing-timeout';
import { rule as resilienceTimeoutInversion } from './resilience-timeout-inversion';
import { rule as resilienceMissingCircuitBreaker } from './resilience-missing-circuit-breaker';
import { rule as resilienceDeepSyncChain } from './resilience-deep-sync-chain';
import { rule as messagingMissingDlq } from './messaging-missing-dlq';
import { rule as messagingConsumerLag } from './messaging-consumer-lag';
import { rule as messagingNoConsumer } from './messaging-no-consumer';
import { rule as dataSharedDatabase } from './data-shared-database';
import { rule as dataMissingFkIndex } from './data-missing-fk-index';
import { rule as dataSharding } from './data-sharding';
import { rule as dataDirectClientAccess } from './data-direct-client-access';
import { rule as securityUnauthenticatedEntry } from './security-unauthenticated-entry';
import { rule as securityMissingRateLimit } from './security-missing-rate-limit';
import { rule as securityMissingMtls } from './security-missing-mtls';
import { rule as securityPlaintextSecret } from './security-plaintext-secret';
import { rule as securityUnversionedApi } from './security-unversioned-api';
import { rule as securityMissingInputSchema } from './security-missing-input-schema';
import { rule as observabilityMissingHealth } from './observability-missing-health';
import { rule as observabilityMissingMetrics } from './observability-missing-metrics';
import { rule as observabilityMissingTracing } from './observability-missing-tracing';
import { rule as designOrphan } from './design-orphan';
import { rule as designSyncSaga } from './design-sync-saga';
import { rule as dataReadHeavyNoCache } from './data-read-heavy-no-cache';
import { rule as securityGraphqlDepth } from './security-graphql-depth';
import { rule as dataSharedCache } from './data-shared-cache';
import { rule as messagingIdleConsumers } from './messaging-idle-consumers';

export type { Rule, RawFinding } from './rule';

export const RULES: readonly Rule[] = [
  capacityOverload,
  capacityHotspot,
  latencySlo,
  availabilitySlo,
  resilienceSpof,
  resilienceSyncCycle,
  resilienceRetryAmplification,
  resilienceMissingTimeout,
  resilienceTimeoutInversion,
  resilienceMissingCircuitBreaker,
  resilienceDeepSyncChain,
  messagingMissingDlq,
  messagingConsumerLag,
  messagingNoConsumer,
  dataSharedDatabase,
  dataMissingFkIndex,
  dataSharding,
  dataDirectClientAccess,
  securityUnauthenticatedEntry,
  securityMissingRateLimit,
  securityMissingMtls,
  securityPlaintextSecret,
  securityUnversionedApi,
  securityMissingInputSchema,
  observabilityMissingHealth,
  observabilityMissingMetrics,
  observabilityMissingTracing,
  designOrphan,
  designSyncSaga,
  dataReadHeavyNoCache,
  securityGraphqlDepth,
  dataSharedCache,
  messagingIdleConsumers,
];

/** Rules of model-format.md section 5 (fixed ids); the rest are Keel's additions. */
export const FIXED_RULE_COUNT = 28;

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
