// Responses whose body is a string already in memory. A Response's body is a stream; reading it
// back costs more than the mock's own work on a small page. The node adapter asks `bufferedText`
// first and writes the string as is; any other Response is streamed.
const texts = new WeakMap<Response, string>();

export function textResponse(text: string | null, init: ResponseInit): Response {
  const response = new Response(text, init);
  if (text !== null) texts.set(response, text);
  return response;
}

/** The body of a Response made by `textResponse` and not read since, else undefined. */
export function bufferedText(response: Response): string | undefined {
  return response.bodyUsed ? undefined : texts.get(response);
}
