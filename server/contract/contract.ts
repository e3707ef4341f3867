// The API contract (api/openapi.yaml) at run time: its operations (method, path, schemas) and ajv validators
// (JSON Schema 2020-12) for request bodies, query parameters and response bodies. The server routes by operationId
// from this document.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';

type Json = Record<string, unknown>;

export interface Operation {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path, e.g. `/admin/v1/sites/{siteId}/settings`. */
  path: string;
  requestSchemaRef: string | null;
  /** The query parameters the operation takes (its own and its path's), each with its validator. */
  query: QueryParameter[];
  /** Path parameters that are ids (schema `Id`): checked before anything else reads them. */
  pathIds: string[];
  /**
   * Who may call it: a paired device (signed request), the admin (bearer token, or a person's session whose role the
   * operation's access rule admits: server/account/admin-access.ts), a person signed in with a passkey (session
   * cookie), or anyone (pairing, starting a sign-in).
   */
  security: 'device' | 'admin' | 'session' | 'none';
  /** status -> schema ref of the JSON body (null: a body that is not JSON, e.g. CSV). */
  responses: Map<number, string | null>;
}

export interface QueryParameter {
  name: string;
  required: boolean;
  /** The validator's ref (an inline schema registered under the operation and the parameter's name). */
  schemaRef: string;
  /** The JSON type the text of the query is read as before it is validated (integer, number, boolean, or string). */
  type: string;
  /** The refusal code when it does not conform (`x-error-code`, e.g. bad-day), else invalid-request. */
  errorCode: QueryErrorCode;
}

/** The codes a query parameter may name as `x-error-code` (the handlers' own codes for the same mistakes). */
export const QUERY_ERROR_CODES = [
  'invalid-request',
  'bad-day',
  'bad-since',
  'bad-cursor',
  'bad-limit',
  'bad-format',
  'bad-integrity-option',
  'bad-recognition-target',
] as const;
export type QueryErrorCode = (typeof QUERY_ERROR_CODES)[number];

function errorCodeOf(parameter: Json): QueryErrorCode {
  const code = parameter['x-error-code'] ?? 'invalid-request';
  if (!QUERY_ERROR_CODES.includes(code as QueryErrorCode))
    throw new Error(`query parameter ${String(parameter.name)}: x-error-code ${String(code)} is not one of QUERY_ERROR_CODES`);
  return code as QueryErrorCode;
}

export const CONTRACT_ID = 'https://gate-kiosk.invalid/openapi.json';
/** Refusals any operation may give (the document's description says so): bad address or body, too large, rate-limited. */
const ANY_OPERATION_STATUSES = [400, 413, 429];

export function loadContractDocument(): Json {
  const text = readFileSync(new URL('../../api/openapi.yaml', import.meta.url), 'utf8');
  return YAML.parse(text) as Json;
}

export class Contract {
  readonly operations = new Map<string, Operation>();
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: Json = loadContractDocument()) {
    this.ajv = new Ajv2020({ strict: false, allErrors: false });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: CONTRACT_ID, components: document.components }, CONTRACT_ID);
    const paths = document.paths as Record<string, Record<string, Json>>;
    for (const [path, item] of Object.entries(paths)) {
      for (const method of ['get', 'post', 'put', 'delete'] as const) {
        const op = item[method];
        if (op === undefined) continue;
        const requestSchema = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
        const responses = new Map<number, string | null>();
        for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
          const resolved = this.resolveResponse(response);
          const json = (resolved.content as Record<string, Json> | undefined)?.['application/json'];
          responses.set(Number(status), json ? refOf(json.schema as Json, `${op.operationId as string}-${status}`, this) : null);
        }
        for (const status of ANY_OPERATION_STATUSES) if (!responses.has(status)) responses.set(status, this.schemaRef('Error'));
        // The path's parameters first, the operation's overriding them by name.
        const parameters = [
          ...((item.parameters as unknown as Json[] | undefined) ?? []),
          ...((op.parameters as Json[] | undefined) ?? []),
        ];
        this.operations.set(op.operationId as string, {
          operationId: op.operationId as string,
          method,
          path,
          security: securityOf(op.security as Record<string, unknown>[] | undefined),
          requestSchemaRef: requestSchema?.['application/json']
            ? refOf(requestSchema['application/json'].schema as Json, `${op.operationId as string}-request`, this)
            : null,
          query: this.queryParameters(op.operationId as string, parameters),
          pathIds: this.pathIdParameters(parameters),
          responses,
        });
      }
    }
  }

  /** The query parameters among `parameters` (the path's first, the operation's overriding them by name). */
  private queryParameters(operationId: string, parameters: Json[]): QueryParameter[] {
    const byName = new Map<string, QueryParameter>();
    for (const p of parameters.map((x) => this.resolveParameter(x))) {
      if (p.in !== 'query') continue;
      const name = p.name as string;
      const schema = (p.schema as Json | undefined) ?? {};
      byName.set(name, {
        name,
        required: p.required === true,
        schemaRef: this.registerInline(`${operationId}-query-${name}`, schema),
        type: String(this.resolveSchema(schema).type ?? 'string'),
        errorCode: errorCodeOf(p),
      });
    }
    return [...byName.values()];
  }

  /** The names of the path parameters whose schema is the `Id` schema. */
  private pathIdParameters(parameters: Json[]): string[] {
    const names = new Set<string>();
    for (const p of parameters.map((x) => this.resolveParameter(x))) {
      if (p.in === 'path' && (p.schema as Json | undefined)?.$ref === this.schemaRef('Id')) names.add(p.name as string);
    }
    return [...names];
  }

  private resolveParameter(parameter: Json): Json {
    const ref = parameter.$ref as string | undefined;
    if (ref === undefined) return parameter;
    return ((this.document.components as Json).parameters as Record<string, Json>)[ref.replace('#/components/parameters/', '')]!;
  }

  /** A schema with its `$ref` to a named schema followed (to read its type). */
  private resolveSchema(schema: Json): Json {
    const ref = schema.$ref as string | undefined;
    if (ref === undefined) return schema;
    return this.resolveSchema(
      ((this.document.components as Json).schemas as Record<string, Json>)[ref.replace('#/components/schemas/', '')]!,
    );
  }

  /**
   * Null when the query conforms to the operation's parameters, else the refusal code and what is wrong. Each value is
   * read as its schema's type first (`days=62` as the integer 62; `days=1e300` or `days=abc` is no integer at all).
   */
  checkQuery(op: Operation, query: Record<string, string>): { code: QueryErrorCode; problem: string } | null {
    for (const p of op.query) {
      const raw = query[p.name];
      if (raw === undefined) {
        if (p.required) return { code: p.errorCode, problem: `\`${p.name}\` is required` };
        continue;
      }
      const value = queryValue(raw, p.type);
      const problem = value === undefined ? `must be ${p.type === 'integer' ? 'an' : 'a'} ${p.type}` : this.check(p.schemaRef, value);
      if (problem !== null) return { code: p.errorCode, problem: `\`${p.name}\` ${problem.replace(/^\(root\) /, '')}` };
    }
    return null;
  }

  /** The first id in the path that is not an id (a path is decoded: `%1B` arrives as an escape character). */
  checkPathIds(op: Operation, params: Record<string, string>): string | null {
    for (const name of op.pathIds) {
      const value = params[name];
      if (value !== undefined && this.check(this.schemaRef('Id'), value) !== null) return `\`${name}\` is not an id`;
    }
    return null;
  }

  private resolveResponse(response: Json): Json {
    const ref = response.$ref as string | undefined;
    if (ref === undefined) return response;
    const name = ref.replace('#/components/responses/', '');
    return ((this.document.components as Json).responses as Record<string, Json>)[name]!;
  }

  /** Registers an inline schema under a generated name so that it gets a ref like the named ones. */
  registerInline(name: string, schema: Json): string {
    const id = `${CONTRACT_ID}/inline/${name}`;
    if (this.ajv.getSchema(id) === undefined) {
      this.ajv.addSchema({ ...rewriteRefs(schema), $id: id });
    }
    return id;
  }

  /** A validator for `#/components/schemas/Name` or a ref returned by registerInline. */
  validator(ref: string): ValidateFunction {
    let v = this.validators.get(ref);
    if (v === undefined) {
      const id = ref.startsWith('#') ? `${CONTRACT_ID}${ref}` : ref;
      v = this.ajv.getSchema(id);
      if (v === undefined) throw new Error(`contract has no schema ${ref}`);
      this.validators.set(ref, v);
    }
    return v;
  }

  /** null when `value` conforms, otherwise a short description of the first problem. */
  check(ref: string, value: unknown): string | null {
    return this.checkBody(ref, value)?.problem ?? null;
  }

  /**
   * null when a request body conforms, otherwise its first problem and the refusal code: `invisible-characters` for
   * typed text with control characters or direction overrides (PlainText, PlainNote), else `invalid-request`.
   */
  checkBody(ref: string, value: unknown): { code: 'invalid-request' | 'invisible-characters'; problem: string } | null {
    const v = this.validator(ref);
    if (v(value)) return null;
    const first = v.errors?.[0];
    const typed = first?.keyword === 'pattern' && PLAIN_TEXT_SCHEMA.test(first.schemaPath);
    return { code: typed ? 'invisible-characters' : 'invalid-request', problem: describe(v.errors) };
  }

  schemaRef(name: string): string {
    return `#/components/schemas/${name}`;
  }
}

const INTEGER = /^-?(0|[1-9][0-9]{0,15})$/;
const NUMBER = /^-?(0|[1-9][0-9]{0,15})(\.[0-9]{1,17})?$/;

/** The text of a query parameter as the JSON value its schema's type wants; undefined when it cannot be one. */
function queryValue(raw: string, type: string): unknown {
  if (type === 'integer') return INTEGER.test(raw) ? Number(raw) : undefined;
  if (type === 'number') return NUMBER.test(raw) ? Number(raw) : undefined;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : undefined;
  return raw;
}

function securityOf(security: Record<string, unknown>[] | undefined): Operation['security'] {
  const names = (security ?? []).flatMap((s) => Object.keys(s));
  if (names.includes('deviceSignature')) return 'device';
  if (names.includes('adminToken')) return 'admin';
  if (names.includes('sessionCookie')) return 'session';
  return 'none';
}

function refOf(schema: Json, inlineName: string, contract: Contract): string {
  const ref = schema.$ref as string | undefined;
  if (ref !== undefined && Object.keys(schema).length === 1) return ref;
  return contract.registerInline(inlineName, schema);
}

/** Inline schemas are added as their own documents: point their local refs at the contract document. */
function rewriteRefs(value: unknown): Json {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) =>
    key === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${CONTRACT_ID}${v}` : v,
  ) as Json;
}

/** Where the schemas of typed text are (an error's schemaPath within them). */
const PLAIN_TEXT_SCHEMA = /#\/components\/schemas\/Plain(Text|Note)\/pattern$/;

export function describe(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (e === undefined) return 'invalid';
  return `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`;
}

let shared: Contract | null = null;
/** The contract, parsed and compiled once per process. */
export function contract(): Contract {
  shared ??= new Contract();
  return shared;
}
