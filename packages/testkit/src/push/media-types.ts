export const MEDIA = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayer: "application/vnd.oci.image.layer.v1.tar+gzip",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  inToto: "application/vnd.in-toto+json",
} as const;

export type ImageFormat = "oci" | "docker";

export function mediaTypesFor(format: ImageFormat) {
  return format === "oci"
    ? {
        index: MEDIA.ociIndex,
        manifest: MEDIA.ociManifest,
        config: MEDIA.ociConfig,
        layer: MEDIA.ociLayer,
      }
    : {
        index: MEDIA.dockerList,
        manifest: MEDIA.dockerManifest,
        config: MEDIA.dockerConfig,
        layer: MEDIA.dockerLayer,
      };
}
