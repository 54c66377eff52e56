// Re-exports the DUIS test helpers the integration tests use.
export { xmlRequest } from '../../src/dsp/duis/test-requests.ts';
export { parseResponseXml } from '../../src/dsp/duis/index.ts';
