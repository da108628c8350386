// Token accounting. Real tokenizers average about four characters of
// English per token; images cost a flat amount (real providers scale it
// with the image's size, which the fake does not decode).

/** Tokens for a piece of text, ≈ characters / 4. */
function textTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Characters that fit in a token budget; the inverse of textTokens. */
export function charsFor(tokens: number): number {
  return tokens * 4;
}

/** Input tokens of a request: all its text (prompts, schemas, tool definitions) plus a fixed cost per image. */
export function inputTokens(texts: readonly string[], images: number, tokensPerImage: number): number {
  return texts.reduce((sum, t) => sum + textTokens(t), 0) + images * tokensPerImage;
}

/** Output tokens of an answer; never 0, as with the real APIs (an empty answer still costs its end token). */
export function outputTokens(text: string): number {
  return Math.max(1, textTokens(text));
}
