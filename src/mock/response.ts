// Responses whose body is already in memory (a string, or bytes). A Response's body is a stream;
// reading it back costs more than the mock's own work on a small page. The node adapter asks
// `bufferedBody` first and writes the body as is; any other Response is streamed.
const bodies = new WeakMap<Response, string | Uint8Array>();

export function bufferedResponse(body: string | Uint8Array | null, init: ResponseInit): Response {
  // A Buffer is a Uint8Array; TypeScript's BodyInit wants one over a plain ArrayBuffer.
  const response = new Response(body as BodyInit | null, init);
  if (body !== null) bodies.set(response, body);
  return response;
}

/** The body of a Response made by `bufferedResponse` and not read since, else undefined. */
export function bufferedBody(response: Response): string | Uint8Array | undefined {
  return response.bodyUsed ? undefined : bodies.get(response);
}
