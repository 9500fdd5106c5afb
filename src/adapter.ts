import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { AppConfig } from './config.js';

/**
 * The Bot Framework adapter. With credentials (production) every request must carry a valid Bot
 * Framework token for this app id, or it gets 401. Without them (local mode) authentication is off:
 * that is why local mode only listens on loopback.
 *
 * `authOverrides` lets tests point token validation at a local OpenID endpoint.
 */
export function createAdapter(config: AppConfig, authOverrides: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {}): TeamsAdapter {
  if (!config.credentials) return new TeamsAdapter({}, new ConfigurationServiceClientCredentialFactory({}));
  const credentials = { ...config.credentials };
  return new TeamsAdapter(
    { ...credentials, ...authOverrides } as ConfigurationBotFrameworkAuthenticationOptions,
    new ConfigurationServiceClientCredentialFactory(credentials),
  );
}
