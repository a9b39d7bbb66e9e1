export interface RegistryConfigInput {
  port: number;
  storageDir: string;
  auth:
    | { kind: "none" }
    | { kind: "htpasswd"; path: string }
    | { kind: "token"; realm: string; service: string; issuer: string; rootCertPath: string };
}

/** distribution 2.8's config.yml for a loopback registry with the access log on stdout. */
export function registryConfig(input: RegistryConfigInput): string {
  const lines = [
    "version: 0.1",
    "log:",
    "  level: warn",
    "  formatter: text",
    "  accesslog:",
    "    disabled: false",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${JSON.stringify(input.storageDir)}`,
    "  delete:",
    "    enabled: true",
    "  maintenance:",
    "    uploadpurging:",
    "      enabled: false",
    "http:",
    `  addr: 127.0.0.1:${input.port}`,
    "  headers:",
    "    X-Content-Type-Options: [nosniff]",
    ...authLines(input.auth),
  ];
  return `${lines.join("\n")}\n`;
}

function authLines(auth: RegistryConfigInput["auth"]): string[] {
  switch (auth.kind) {
    case "none":
      return [];
    case "htpasswd":
      return [
        "auth:",
        "  htpasswd:",
        "    realm: alpinize-test",
        `    path: ${JSON.stringify(auth.path)}`,
      ];
    case "token":
      return [
        "auth:",
        "  token:",
        `    realm: ${JSON.stringify(auth.realm)}`,
        `    service: ${JSON.stringify(auth.service)}`,
        `    issuer: ${JSON.stringify(auth.issuer)}`,
        `    rootcertbundle: ${JSON.stringify(auth.rootCertPath)}`,
      ];
  }
}
