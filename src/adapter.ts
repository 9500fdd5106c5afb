import { TeamsAdapter } from '@microsoft/teams-ai';
import {
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AppConfig } from './config.js';

/**
 * The Bot Framework adapter. With credentials (production) every request must carry a valid Bot
 * Framework token for this app id, or it is refused. Without them (local mode) authentication is
 * off: that is why local mode only listens on loopback.
 *
 * `handle` is what the HTTP layer calls instead of botbuilder's `process`: the same authentication
 * and turn, but errors come back to our server, which decides the status and writes a fixed body.
 * botbuilder's `process` sends the error's message as the body (e.g. "Invalid AppId passed on
 * token: …"), answers 500 for a forged signature, and prints the error with its stack.
 */
export class BotAdapter extends TeamsAdapter {
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** `authOverrides` lets tests point token validation at a local OpenID endpoint. */
export function createAdapter(config: AppConfig, authOverrides: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {}): BotAdapter {
  if (!config.credentials) return new BotAdapter({}, new ConfigurationServiceClientCredentialFactory({}));
  const credentials = { ...config.credentials };
  return new BotAdapter(
    { ...credentials, ...authOverrides } as ConfigurationBotFrameworkAuthenticationOptions,
    new ConfigurationServiceClientCredentialFactory(credentials),
  );
}
