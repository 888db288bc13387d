import {
  ProviderError,
  type AuthorizationUrlParams,
  type PublishMedia,
  type PublishRequest,
} from '../../provider-adapter';

/** Shared values for the adapter specs; the recordings in __recordings__ were written against them. */

export const NOW = new Date('2024-06-01T12:00:00.000Z');
export const now = () => NOW;

/** Seconds from NOW, as a Date: what expires_in in a recording should turn into. */
export function secondsFromNow(seconds: number): Date {
  return new Date(NOW.getTime() + seconds * 1000);
}

export function consent(platform: string): AuthorizationUrlParams {
  return {
    state: 'state-7f3a9c',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    redirectUri: `https://atrium.example/api/v1/social/callback/${platform}`,
  };
}

export function postRequest(text: string, media: PublishMedia[] = []): PublishRequest {
  return { text, media, idempotencyKey: 'post-3f1c2b7e:account-9a8b' };
}

export const JPEG: PublishMedia = {
  url: 'https://media.atrium.example/signed/launch.jpg?sig=abc',
  mimeType: 'image/jpeg',
};

/** The query parameters of a URL as a plain object, for one exact comparison. */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

/** The ProviderError a call rejected with; anything else (or success) fails the test. */
export async function rejectionOf(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError, but the call succeeded');
}
