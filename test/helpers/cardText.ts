/** Every text a card shows (TextBlocks, fact titles and values, action titles), in order. */
export function cardTexts(card: unknown): string[] {
  const texts: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if ((record.type === 'TextBlock' || record.type === 'TextRun') && typeof record.text === 'string') texts.push(record.text);
    if (typeof record.type === 'string' && record.type.startsWith('Action.') && typeof record.title === 'string') texts.push(record.title);
    for (const [key, value] of Object.entries(record)) if (key !== 'data' && key !== 'fallback') visit(value);
  };
  visit(card);
  return texts;
}

/** The Adaptive Card content of the first card attachment of an activity. */
export function firstCard(activity: { attachments?: { contentType: string; content: unknown }[] } | undefined): Record<string, unknown> {
  const attachment = activity?.attachments?.find((candidate) => candidate.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!attachment) throw new Error(`no Adaptive Card in ${JSON.stringify(activity)?.slice(0, 300)}`);
  return attachment.content as Record<string, unknown>;
}
