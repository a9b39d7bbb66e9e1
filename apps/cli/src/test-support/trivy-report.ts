/**
 * A schema-2 Trivy image report on Alpine 3.23.0 with one os-pkgs result holding `vulns`, as
 * JSON text. `top` sets or replaces top-level fields (ArtifactType…) in place.
 */
export function alpineImageReport(
  vulns: Record<string, unknown>[],
  artifact = "x",
  top: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: artifact,
    ArtifactType: "container_image",
    Metadata: { OS: { Family: "alpine", Name: "3.23.0" } },
    Results: [
      {
        Target: `${artifact} (alpine 3.23.0)`,
        Class: "os-pkgs",
        Type: "alpine",
        Vulnerabilities: vulns,
      },
    ],
    ...top,
  });
}
