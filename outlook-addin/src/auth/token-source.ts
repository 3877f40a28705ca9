/** Where the pane gets its access token for the API. */
export interface TokenSource {
  getToken(): Promise<string>;
}

/** Why signing in failed, in words worth showing. */
export class SignInError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignInError';
  }
}
