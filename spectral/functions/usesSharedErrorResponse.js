// Spectral cannot see through a path item that is a $ref to another file when it lints
// unresolved, so the check runs on the resolved document: a shared error response is the one
// whose JSON body is the ErrorResponse schema (its title survives resolution) and which carries
// the X-Request-Id header that a caller quotes when reporting a fault.
export default function usesSharedErrorResponse(responses, _options, { path }) {
  return Object.entries(responses ?? {})
    .filter(([status]) => /^[45]/.test(status))
    .filter(([, response]) => {
      const schema = response?.content?.['application/json']?.schema;
      return schema?.title !== 'ErrorResponse' || !response?.headers?.['X-Request-Id'];
    })
    .map(([status]) => ({
      message: `Response ${status} is not the shared error response (ErrorResponse body, X-Request-Id header).`,
      path: [...path, status],
    }));
}
