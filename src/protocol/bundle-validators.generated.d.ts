// Generated from api/openapi.yaml by scripts/gen-api-types.ts (`npm run gen:api`); do not edit by hand.
import type { components } from './api-types.generated';

/** An Ajv error as the standalone validators report it (the first problem found). */
export interface ValidationError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface Validator<T> {
  (value: unknown): value is T;
  errors?: ValidationError[] | null;
}

export declare const validateBundlePayload: Validator<components['schemas']['BundlePayload']>;
export declare const validateBundleDelta: Validator<components['schemas']['BundleDelta']>;
export declare const validateBundleUnchanged: Validator<components['schemas']['BundleUnchanged']>;
export declare const validateSiteEventsPage: Validator<components['schemas']['SiteEventsPage']>;
