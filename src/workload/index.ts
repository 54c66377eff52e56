// Synthetic estate and traffic: parties, device models, the estate generator and seeding.
export { MODELS, modelsFor, type ModelSpec } from './models.ts';
export {
  PARTIES,
  buildMarket,
  formatEui64,
  marketUsers,
  type Market,
  type PartySpec,
} from './parties.ts';
export { generateEstate, type EstateBatch, type EstateOptions } from './estate.ts';
export { seedEstate, type SeedOptions, type SeedSummary } from './seed.ts';
export {
  writeMonthTrail,
  type MonthTrailOptions,
  type MonthTrailStore,
  type MonthTrailSummary,
  type PowerRates,
  type TrailIncident,
} from './month-trail.ts';
