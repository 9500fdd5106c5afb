import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';

/**
 * Microsoft's Adaptive Cards SDK, run in Node over jsdom, as the offline check of what Teams will
 * render: it reports unknown element types, bad property values, duplicate ids and elements newer
 * than the target version.
 */
const dom = new JSDOM('<!doctype html><html><body></body></html>');
const globals = globalThis as Record<string, unknown>;
const DOM_GLOBALS = { window: dom.window, document: dom.window.document, HTMLElement: dom.window.HTMLElement };

/**
 * The SDK wants a browser's globals; they are there only while it runs. Left in place, they make
 * other libraries in the same test process (HTTP clients among them) believe they run in a browser.
 */
function withDom<T>(run: () => T): T {
  const added = Object.keys(DOM_GLOBALS).filter((name) => !(name in globals));
  for (const name of added) globals[name] = DOM_GLOBALS[name as keyof typeof DOM_GLOBALS];
  try {
    return run();
  } finally {
    for (const name of added) delete globals[name];
  }
}

// The package's ESM build has extension-less imports; its UMD bundle loads fine with require.
const AC = withDom(
  () => createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards'),
);

export function adaptiveCardProblems(card: unknown): string[] {
  return withDom(() => problemsOf(card));
}

function problemsOf(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index += 1) {
    const event = context.getEventAt(index);
    problems.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  const validation = parsed.validateProperties();
  for (const event of validation.validationEvents)
    problems.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  const version = (card as { version?: string }).version;
  if (version !== '1.5') problems.push(`card version is ${version}, Teams renders 1.5`);
  return problems;
}
