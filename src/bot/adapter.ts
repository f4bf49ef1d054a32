import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import { CertificateServiceClientCredentialsFactory, type AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../config';

/** What one activity answers over HTTP; bodies never carry an exception's message. */
export interface ActivityAnswer {
  status: number;
  body?: unknown;
  /** Why it was refused or failed, for the log only. */
  cause?: string;
}

/**
 * The Teams adapter, with the HTTP answer in our hands: CloudAdapter.process puts the exception's
 * message in the body (a forged token without network answered 500 "getaddrinfo ENOTFOUND
 * login.botframework.com"). Here any failure to authenticate, including not reaching the signing
 * keys, is 401 and a failure after it is 500, both with a fixed body; the cause goes to the log.
 */
export class ParagrafAdapter extends TeamsAdapter {
  async answer(activity: Activity, authHeader: string, logic: (turn: TurnContext) => Promise<void>): Promise<ActivityAnswer> {
    let auth: AuthenticateRequestResult;
    try {
      auth = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (err) {
      return { status: 401, body: { error: 'unauthorized' }, cause: messageOf(err) };
    }
    try {
      const invoke = await this.processActivity(auth, activity, logic);
      return { status: invoke?.status ?? 200, body: invoke?.body };
    } catch (err) {
      return { status: 500, body: { error: 'internal error' }, cause: messageOf(err) };
    }
  }
}

/** As CloudAdapter.process does before processing: the activity's time fields as dates. */
export function activityFromBody(body: Record<string, unknown>): Activity {
  const a = { ...body } as Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    if (typeof a[field] === 'string') {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
  return a as unknown as Activity;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

export function createAdapter(config: Config): ParagrafAdapter {
  const env = config.env;
  if (config.localMode) return new ParagrafAdapter({});
  const options = {
    MicrosoftAppId: env.MicrosoftAppId,
    MicrosoftAppPassword: env.MicrosoftAppPassword,
    MicrosoftAppType: env.MicrosoftAppType ?? 'SingleTenant',
    MicrosoftAppTenantId: env.MicrosoftAppTenantId,
  };
  if (env.MicrosoftAppCertificateThumbprint && env.MicrosoftAppCertificatePrivateKey) {
    const factory = new CertificateServiceClientCredentialsFactory(
      env.MicrosoftAppId!,
      env.MicrosoftAppCertificateThumbprint,
      env.MicrosoftAppCertificatePrivateKey,
      env.MicrosoftAppTenantId,
    );
    return new ParagrafAdapter(options, factory);
  }
  return new ParagrafAdapter(options);
}
