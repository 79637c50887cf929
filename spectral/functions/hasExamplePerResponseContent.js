// A response without a body (the PUT 200) needs no example; one with a body must show one,
// because the docs and the example tests read them.
export default function hasExamplePerResponseContent(response, _options, { path }) {
  const content = response?.content;
  if (!content) return [];
  return Object.entries(content)
    .filter(([, media]) => media.example === undefined && Object.keys(media.examples ?? {}).length === 0)
    .map(([type]) => ({
      message: `Response content "${type}" has no example.`,
      path: [...path, 'content', type],
    }));
}
