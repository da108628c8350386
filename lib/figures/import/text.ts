// Whitespace normalisation shared by the parsers: captions and paragraphs are
// compared and deduplicated as text, so every parser must flatten the same way.
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
