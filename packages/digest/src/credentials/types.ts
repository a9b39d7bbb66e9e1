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
  /**
   * Where credentials are looked for (files and the variables that chose them), for a message
   * that none were found; never secrets. Optional for stores of one's own.
   */
  searched?(): string;
  /**
   * Why a source that could have answered for `registry` did not (a config file that could not
   * be read, a helper that failed, hung or answered garbage), for the message of a 401 that
   * would otherwise say none were found; never secrets. Optional for stores of one's own.
   */
  failures?(registry: string): string[];
}

/** What went with a registry's requests, for the message of a 401 or 429; never secrets. */
export interface AuthReport {
  /** The registry's challenge: Basic, Bearer (a token server), or none sent. */
  scheme: "basic" | "bearer" | "none";
  /** Where the credentials that were sent came from; undefined when none were sent. */
  source: string | undefined;
  /** Where credentials for the registry are stored though none were sent (known after a 429). */
  stored?: string | undefined;
  /** Where credentials were looked for, when the store can say. */
  searched: string | undefined;
  /** Sources that failed for the registry (see `CredentialStore.failures`); empty when none. */
  failures?: string[];
}
