// The public API of src/core: the domain vocabulary, errors, time and the working-day calendar.
export {
  BANK_HOLIDAYS_ENV,
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  SUPPLEMENT_BANK_HOLIDAYS,
  libraryBankHolidays,
  loadBankHolidays,
  mergeBankHolidays,
  parseBankHolidayOverrides,
  readBankHolidayOverrides,
  type BankHoliday,
} from './bank-holidays.ts';
export {
  addWorkingDays,
  bankHolidays,
  createWorkingDayCalendar,
  englandAndWalesCalendar,
  isBankHoliday,
  isWorkingDay,
  workingDaysBetween,
  type CalendarDate,
  type WorkingDayCalendar,
} from './calendar.ts';
export {
  createFixedClock,
  parseInstant,
  parseIsoDate,
  systemClock,
  toIsoDate,
  type Clock,
  type IsoDate,
} from './clock.ts';
export {
  DEVICE_TYPE_NAMES,
  DEVICE_TYPES,
  JOIN_TARGET_TYPES,
  SMETS_GENERATIONS,
  SMI_STATUSES,
  parseDeviceType,
  parseSmetsGeneration,
  parseSmiStatus,
  type DeviceType,
  type JoinTargetType,
  type SmetsGeneration,
  type SmiStatus,
} from './devices.ts';
export {
  ConflictError,
  DataFileError,
  ERROR_CODES,
  IllegalTransitionError,
  InvalidValueError,
  NotFoundError,
  OpendspError,
  StorageError,
  showValue,
  type ErrorCode,
} from './errors.ts';
export { eui64FromBigInt, eui64ToBigInt, isEui64, parseEui64, type Eui64 } from './eui64.ts';
export {
  mpanCheckDigit,
  mpanWithCheckDigit,
  mpxnKind,
  parseMpanCore,
  parseMprn,
  parseMpxn,
  type MpanCore,
  type Mprn,
  type Mpxn,
} from './mpxn.ts';
export { createRandom, type Random } from './random.ts';
export { parseRegion, regionById, REGIONS, type Region } from './regions.ts';
export {
  NETWORK_OPERATOR_ROLES,
  REGISTRATION_ROLES,
  ROLE_ABBREVIATIONS,
  ROLE_NAMES,
  SUPPLIER_ROLES,
  USER_ROLES,
  isNetworkOperatorRole,
  isSupplierRole,
  parseUserRole,
  type NetworkOperatorRole,
  type RegistrationRole,
  type SupplierRole,
  type UserRole,
} from './roles.ts';
