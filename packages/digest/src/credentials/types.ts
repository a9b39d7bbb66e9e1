/** What a registry accepts from us: a password, or an identity (refresh) token. */
export interface Credentials {
  username?: string;
  password?: string;
  /** OAuth2 refresh token (`identitytoken` in config.json, `<token>` from a helper). */
  identityToken?: string;
  /** Where it came from, for messages (never the secret itself). */
  source: string;
}

/** Looks credentials up for a registry and repository; cached for the resolver's lifetime. */
export interface CredentialStore {
  get(registry: string, repository: string): Promise<Credentials | undefined>;
  /** Problems met while looking (a helper missing, an unreadable file); never secrets. */
  warnings(): string[];
}
