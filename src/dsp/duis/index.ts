// DUIS codec: Service Requests in (XML and JSON), Service Responses and Alerts out, file checks.
export { SRV_BODY_ELEMENTS, bodyRuleOf, type SrvBodyRule } from './bodies.ts';
export {
  checkDuisFiles,
  checkDuisText,
  renderCheckReport,
  type CheckProblem,
  type CheckedFileSummary,
  type DuisCheckOptions,
  type DuisFileCheck,
  type DuisFileKind,
} from './check-files.ts';
export { DS_NS, SR_NS } from './dom.ts';
export {
  parseServiceRequestJson,
  serviceRequestJsonSchema,
  type ServiceRequestJson,
} from './parse-request-json.ts';
export {
  parseServiceRequestXml,
  type RequestParseOptions,
  type RequestParseResult,
} from './parse-request-xml.ts';
export { parseResponseXml, type ResponseParseResult } from './parse-response-xml.ts';
export {
  CURRENT_SCHEMA_VERSION,
  DEFAULT_MAX_BYTES,
  SUPPORTED_SCHEMA_VERSIONS,
  type Problem,
} from './problems.ts';
export { parseRequestIdText } from './request-id.ts';
export {
  DEFAULT_XSD_DIR,
  loadDuisSchema,
  validateDuisXml,
  type DuisSchema,
  type SchemaProblem,
} from './schema-validate.ts';
export { dccAlertToJson, deviceAlertToJson, serviceResponseToJson } from './response-json.ts';
export {
  DEFAULT_DSP_ID,
  dccAlertToXml,
  deviceAlertToXml,
  serviceResponseToXml,
  type AlertWriteOptions,
  type ResponseWriteOptions,
} from './response-xml.ts';
