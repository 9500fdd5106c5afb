/** Markdown backslash escapes, removed as Teams does when it renders a TextBlock. */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

/** Every text a card shows (TextBlocks, fact titles and values, action titles), in order, as the admin reads it. */
export function cardTexts(card: unknown): string[] {
  const texts: string[] = [];
  const push = (...items: string[]) => texts.push(...items.map(unescapeMarkdown));
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if ((record.type === 'TextBlock' || record.type === 'TextRun') && typeof record.text === 'string')
      push(record.text);
    if (typeof record.type === 'string' && record.type.startsWith('Action.') && typeof record.title === 'string')
      texts.push(record.title);
    // A FactSet's facts have no type: { title, value }.
    if (record.type === undefined && typeof record.title === 'string' && typeof record.value === 'string')
      push(record.title, record.value);
    for (const [key, value] of Object.entries(record)) if (key !== 'data' && key !== 'fallback') visit(value);
  };
  visit(card);
  return texts;
}

/** The Adaptive Card content of the first card attachment of an activity. */
export function firstCard(
  activity: { attachments?: { contentType: string; content: unknown }[] } | undefined,
): Record<string, unknown> {
  const attachment = activity?.attachments?.find(
    (candidate) => candidate.contentType === 'application/vnd.microsoft.card.adaptive',
  );
  if (!attachment) throw new Error(`no Adaptive Card in ${JSON.stringify(activity)?.slice(0, 300)}`);
  return attachment.content as Record<string, unknown>;
}

/** The card an Action.Execute invoke answered with (it replaces the card that was clicked). */
export function invokeCard(replies: { type?: string; value?: unknown }[]): Record<string, unknown> {
  const response = replies.find((reply) => reply.type === 'invokeResponse')?.value as
    { status?: number; body?: { statusCode?: number; type?: string; value?: Record<string, unknown> } } | undefined;
  if (response?.body?.type !== 'application/vnd.microsoft.card.adaptive' || !response.body.value) {
    throw new Error(`no card in the invoke response: ${JSON.stringify(replies).slice(0, 300)}`);
  }
  return response.body.value;
}

/** The data of the card's action with this verb (Action.Execute), e.g. to read its flow id. */
/** The data of the card's Action.Execute with this verb (and this title, when several share the verb). */
export function actionData(card: unknown, verb: string, title?: string): Record<string, string> {
  let found: Record<string, string> | undefined;
  const visit = (node: unknown) => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && record.verb === verb && (title === undefined || record.title === title))
      found = record.data as Record<string, string>;
    Object.values(record).forEach(visit);
  };
  visit(card);
  if (!found) throw new Error(`no ${verb} button${title ? ` "${title}"` : ''} on the card`);
  return found;
}

/** The ids of the card's inputs, with their current values. */
export function cardInputs(card: unknown): Record<string, string> {
  const inputs: Record<string, string> = {};
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Input.') && typeof record.id === 'string')
      inputs[record.id] = typeof record.value === 'string' ? record.value : '';
    Object.values(record).forEach(visit);
  };
  visit(card);
  return inputs;
}
