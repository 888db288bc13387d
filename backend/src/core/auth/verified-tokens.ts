/** The claims of an access token that passport-jwt has verified. */
export interface VerifiedClaims {
  sub: string;
  sid: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** Tokens remembered at most: each is a few hundred bytes, so a few megabytes in all. */
const CAPACITY = 10_000;

/**
 * Access tokens whose signature, algorithm, audience, issuer and expiry passport-jwt has verified,
 * with their claims. A client sends the same token with every request until it expires, and
 * verifying it again (decoding it three times and an HMAC, through passport) was the largest
 * single cost of a signed-in request left. Only what the token says is remembered, never who the
 * caller is: expiry is checked at every use, and the session, user, agency and permissions are
 * still read from the database on every request, so a sign-out or a revoked permission applies at
 * once. The key is the whole token, signature included, so no other token can match it. One per
 * application (AccessModule makes it), so nothing is shared between apps with different secrets.
 */
export class VerifiedTokens {
  private readonly claims = new Map<string, VerifiedClaims>();

  constructor(private readonly capacity = CAPACITY) {}

  remember(token: string, claims: VerifiedClaims): void {
    if (this.claims.size >= this.capacity && !this.claims.has(token)) {
      // The oldest first: a Map keeps insertion order.
      const oldest = this.claims.keys().next().value;
      if (oldest !== undefined) this.claims.delete(oldest);
    }
    this.claims.set(token, claims);
  }

  /** The token's claims if it was verified and has not expired since; null otherwise. */
  recall(token: string, nowMs = Date.now()): VerifiedClaims | null {
    const claims = this.claims.get(token);
    if (!claims) return null;
    if (claims.exp * 1000 <= nowMs) {
      this.claims.delete(token);
      return null;
    }
    return claims;
  }

  get size(): number {
    return this.claims.size;
  }
}
