/**
 * Text that came from a person (names, emails, organization names) is shown to other admins inside
 * Markdown (chat messages and Adaptive Card TextBlocks). Escaping it keeps "[click](https://evil)"
 * or "**URGENT**" in a display name from turning into a link or formatting.
 */
const MARKDOWN_SPECIALS = /[\\`*_{}[\]()#+\-.!|<>~]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIALS, (character) => `\\${character}`);
}
