// What the try-it console knows of the spec: a small, flat description of each operation that the
// docs build derives from the bundled spec (scripts/console-spec.ts) and embeds in the page as JSON.

/** How a parameter is entered and sent. */
export type ParameterKind = 'string' | 'integer' | 'number' | 'boolean' | 'array';

export type ConsoleParameter = {
  name: string;
  in: 'query' | 'path' | 'header';
  required: boolean;
  kind: ParameterKind;
  /** The allowed values (of the items, for an array), in the spec's order. */
  values?: Array<string | number>;
  /** The value the form starts with; absent means "not sent". */
  initial?: string;
  deprecated?: boolean;
  /** The first sentence of the spec's description. */
  hint?: string;
};

export type ConsoleOperation = {
  operationId: string;
  summary: string;
  method: string;
  path: string;
  parameters: ConsoleParameter[];
  /** The request body's first example, as the JSON text the form starts with. */
  body?: string;
};

export type ConsoleServer = { url: string; description: string };

export type ConsoleSpec = {
  operations: ConsoleOperation[];
  /** The spec's servers (production), offered after the local mock. */
  servers: ConsoleServer[];
  /** The header of the apiKey security scheme (X-Access-Token): entered once, sent with every call. */
  tokenHeader: string;
  /** The header the console fills with a fresh id on every send (never the spec's example). */
  requestIdHeader: string;
};

/** The id of the JSON script element the page carries the ConsoleSpec in. */
export const CONSOLE_SPEC_ELEMENT_ID = 'try-it-spec';
