/** A tiny HTTP client over fetch that keeps the refresh cookie like a browser would. */
export class ApiClient {
  private cookie: string | null = null;
  accessToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(this.accessToken ? { Authorization: `Bearer ${this.accessToken}` } : {}),
        ...(this.cookie && path.startsWith('/api/v1/auth/') ? { Cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('atrium_rt='));
    if (setCookie) {
      const value = setCookie.split(';')[0];
      this.cookie = value === 'atrium_rt=' ? null : value;
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return {
      status: response.status,
      headers: response.headers,
      body: json as any,
      text,
    };
  }

  async signIn(email: string, password: string) {
    const response = await this.call('POST', '/api/v1/auth/login', {
      email,
      password,
    });
    if (response.status === 200) this.accessToken = response.body.accessToken;
    return response;
  }
}
