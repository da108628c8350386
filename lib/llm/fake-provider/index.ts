// The fake LLM provider's public surface. See server.ts.
export { startFakeProvider, type FakeProvider } from "./server";
export { fakeProviderControl, type FakeProviderControl } from "./control";
export { fakeProviderOptionsSchema, type FakeProviderOptions } from "./options";
export { faultKindSchema, type FaultKind, type FaultRule, type FaultRates, type FaultSnapshot } from "./faults";
export type { FakeStats, RequestRecord, KeyCount } from "./recorder";
export { instanceFor, type JsonSchema } from "./schema-instance";
export { SYNTHETIC_MARKER } from "./synthetic-text";
