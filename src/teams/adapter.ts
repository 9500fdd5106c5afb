import { TeamsAdapter } from '@microsoft/teams-ai';
import {
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AppConfig } from '../config.js';

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
  handle(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * botbuilder switches to "all parameters given" as soon as one endpoint is set: keep every other
 * value of Microsoft's public cloud, change only where the token-signing keys are read.
 */
function publicCloudWithKeysFrom(openIdMetadataUrl: string): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
  // botframework-connector's AuthenticationConstants for the public cloud (not exported by botbuilder).
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl:
      'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  };
}

/** `authOverrides` lets tests point token validation at a local OpenID endpoint. */
export function createAdapter(
  config: AppConfig,
  authOverrides: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {},
): BotAdapter {
  if (!config.credentials) return new BotAdapter({}, new ConfigurationServiceClientCredentialFactory({}));
  const { BotOpenIdMetadata, ...credentials } = config.credentials;
  return new BotAdapter(
    {
      ...credentials,
      ...(BotOpenIdMetadata ? publicCloudWithKeysFrom(BotOpenIdMetadata) : {}),
      ...authOverrides,
    },
    new ConfigurationServiceClientCredentialFactory(credentials),
  );
}
