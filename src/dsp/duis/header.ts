// Checks a Service Request header's values (RequestID, CV, SR, SRV) against DUIS and the catalogue.
import type { Catalogue } from '../../catalogue/index.ts';
import { nearMatches } from '../../catalogue/index.ts';
import type { RequestId } from '../messages.ts';
import type { Problem } from './problems.ts';
import { parseRequestIdText } from './request-id.ts';

/** Header values as written, before checking; `commandVariant` already an integer. */
export interface HeaderInput {
  readonly requestId: string;
  readonly commandVariant: number;
  readonly serviceReference: string;
  readonly srv: string;
}

/** Where each header value sits, for problem paths. */
export interface HeaderPaths {
  readonly requestId: string;
  readonly commandVariant: string;
  readonly serviceReference: string;
  readonly srv: string;
}

/** A checked header. */
export interface CheckedHeader {
  readonly requestId: RequestId;
  readonly commandVariant: number;
  readonly serviceReference: string;
  readonly srv: string;
}

function commandVariantReason(cv: number): string | undefined {
  // DUIS XSD: CV 9 is "N/A to SR – internal to DCC Data Systems"; Users may send 1–8 only.
  if (cv === 9) return 'Command Variant 9 is internal to DCC Data Systems and cannot be sent';
  if (!Number.isInteger(cv) || cv < 1 || cv > 8) return `Command Variant ${cv} is not 1–8`;
  return undefined;
}

/** Checks the header values; returns the checked header or every problem (with paths). */
export function checkHeader(
  input: HeaderInput,
  paths: HeaderPaths,
  against: {
    readonly catalogue: Catalogue;
    /** Check the Command Variant against the SRV's (false: the DSP answers that with E12). */
    readonly checkCommandVariant?: boolean | undefined;
  },
): { header: CheckedHeader } | { problems: Problem[] } {
  const { catalogue, checkCommandVariant = true } = against;
  const problems: Problem[] = [];
  const id = parseRequestIdText(input.requestId);
  if ('reason' in id) problems.push({ path: paths.requestId, message: id.reason });
  const cvReason = commandVariantReason(input.commandVariant);
  if (cvReason !== undefined) problems.push({ path: paths.commandVariant, message: cvReason });
  const srvText = input.srv.trim();
  const srText = input.serviceReference.trim();
  const srv = catalogue.findSrv(srvText);
  const knownSrs = [...new Set(catalogue.allSrvs().map((s) => s.serviceReference))];
  if (!knownSrs.includes(srText)) {
    const near = nearMatches(srText, knownSrs);
    const hint = near.length > 0 ? `; did you mean ${near.join(', ')}?` : '';
    problems.push({
      path: paths.serviceReference,
      message: `unknown Service Reference ${JSON.stringify(srText)}${hint}`,
    });
  }
  if (srv === undefined) {
    const near = nearMatches(
      srvText,
      catalogue.allSrvs().map((s) => s.srv),
    );
    const hint = near.length > 0 ? `; did you mean ${near.join(', ')}?` : '';
    problems.push({
      path: paths.srv,
      message: `unknown Service Reference Variant ${JSON.stringify(srvText)}${hint}`,
    });
  } else {
    if (knownSrs.includes(srText) && srv.serviceReference !== srText) {
      problems.push({
        path: paths.serviceReference,
        message: `Service Reference ${srText} does not match Service Reference Variant ${srv.srv} (expected ${srv.serviceReference})`,
      });
    }
    if (
      checkCommandVariant &&
      cvReason === undefined &&
      !srv.commandVariants.includes(input.commandVariant)
    ) {
      problems.push({
        path: paths.commandVariant,
        message: `Command Variant ${input.commandVariant} is not allowed for SRV ${srv.srv} (${srv.name}${srv.critical ? ', critical' : ''}); allowed: ${srv.commandVariants.join(', ')}`,
      });
    }
  }
  if (problems.length > 0 || 'reason' in id) return { problems };
  return {
    header: {
      requestId: id.id,
      commandVariant: input.commandVariant,
      serviceReference: srText,
      srv: srvText,
    },
  };
}
