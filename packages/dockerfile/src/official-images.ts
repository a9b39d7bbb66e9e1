/**
 * What alpinize knows of Docker Official Images (`docker.io/library/<name>`): the one home of
 * these facts, read by the migrate rules (which tag replaces an image) and by `@alpinize/repo`
 * (what a stage is built on).
 */

/** What an image's untagged (`latest`) and plain-version tags are built on. */
export type OfficialBase = "alpine" | "debian" | "ubuntu" | "none" | "other";

/** Which tags of an image have an `-alpine` twin of the same version. */
export type AlpineTags =
  /** Every Debian or Ubuntu tag. */
  | "all"
  /** Only the fpm and cli tags: the default tags are Apache-based. */
  | "fpm-cli"
  /** None. */
  | "none";

export interface OfficialImage {
  /** `none`: no distribution (scratch or busybox); undefined: not recorded. */
  base?: OfficialBase;
  alpineTags: AlpineTags;
}

const DEBIAN_ALL: OfficialImage = { base: "debian", alpineTags: "all" };
const UBUNTU_ALL: OfficialImage = { base: "ubuntu", alpineTags: "all" };
const DEBIAN_FPM: OfficialImage = { base: "debian", alpineTags: "fpm-cli" };
const DEBIAN_ONLY: OfficialImage = { base: "debian", alpineTags: "none" };
const UBUNTU_ONLY: OfficialImage = { base: "ubuntu", alpineTags: "none" };
const ALPINE: OfficialImage = { base: "alpine", alpineTags: "none" };
const NO_DISTRO: OfficialImage = { base: "none", alpineTags: "none" };
/** Known to publish no Alpine tags; what the rest are built on is not recorded. */
const NO_ALPINE: OfficialImage = { alpineTags: "none" };

const OFFICIAL_IMAGES: ReadonlyMap<string, OfficialImage> = new Map([
  ["alpine", ALPINE],
  ["bash", ALPINE],
  ["caddy", ALPINE],
  ["composer", ALPINE],
  ["docker", ALPINE],
  ["traefik", ALPINE],
  ["registry", ALPINE],
  // Built on alpine (adminer on php:*-alpine): they publish no `-alpine` tags to move to.
  ["adminer", ALPINE],
  ["eggdrop", ALPINE],
  ["znc", ALPINE],
  ["busybox", NO_DISTRO],
  // nats' default tags are scratch with the server binary; `nats:alpine` is the shell variant.
  ["nats", NO_DISTRO],
  ["debian", DEBIAN_ONLY],
  ["ubuntu", UBUNTU_ONLY],
  ["buildpack-deps", DEBIAN_ONLY],
  ["golang", DEBIAN_ALL],
  ["node", DEBIAN_ALL],
  ["python", DEBIAN_ALL],
  ["ruby", DEBIAN_ALL],
  ["php", DEBIAN_ALL],
  ["rust", DEBIAN_ALL],
  ["postgres", DEBIAN_ALL],
  ["redis", DEBIAN_ALL],
  ["nginx", DEBIAN_ALL],
  ["httpd", DEBIAN_ALL],
  ["haproxy", DEBIAN_ALL],
  ["memcached", DEBIAN_ALL],
  ["erlang", DEBIAN_ALL],
  ["elixir", DEBIAN_ALL],
  ["ghost", DEBIAN_ALL],
  ["redmine", DEBIAN_ALL],
  ["varnish", DEBIAN_ALL],
  ["telegraf", DEBIAN_ALL],
  ["influxdb", DEBIAN_ALL],
  ["chronograf", DEBIAN_ALL],
  ["kapacitor", DEBIAN_ALL],
  ["spiped", DEBIAN_ALL],
  ["irssi", DEBIAN_ALL],
  // Eclipse Temurin's default tags, and the images built on them, are Ubuntu.
  ["eclipse-temurin", UBUNTU_ALL],
  ["gradle", UBUNTU_ALL],
  ["maven", UBUNTU_ALL],
  ["rabbitmq", UBUNTU_ALL],
  ["amazoncorretto", { base: "other", alpineTags: "all" }],
  ["wordpress", DEBIAN_FPM],
  ["drupal", DEBIAN_FPM],
  ["joomla", DEBIAN_FPM],
  ["nextcloud", DEBIAN_FPM],
  ["matomo", DEBIAN_FPM],
  ["friendica", DEBIAN_FPM],
  ["postfixadmin", DEBIAN_FPM],
  ["yourls", DEBIAN_FPM],
  ["monica", DEBIAN_FPM],
  ["perl", DEBIAN_ONLY],
  ["gcc", DEBIAN_ONLY],
  ["julia", DEBIAN_ONLY],
  ["r-base", DEBIAN_ONLY],
  // openjdk is deprecated; its long-lived tags (8, 11) are Debian.
  ["openjdk", DEBIAN_ONLY],
  ["mariadb", UBUNTU_ONLY],
  ["mongo", UBUNTU_ONLY],
  ["tomcat", NO_ALPINE],
  ["flink", NO_ALPINE],
  ["solr", NO_ALPINE],
  ["zookeeper", NO_ALPINE],
  ["mongo-express", NO_ALPINE],
  ["bonita", NO_ALPINE],
  ["lightstreamer", NO_ALPINE],
  ["neo4j", NO_ALPINE],
  ["sonarqube", NO_ALPINE],
  ["storm", NO_ALPINE],
  ["swipl", NO_ALPINE],
  ["xwiki", NO_ALPINE],
  ["percona", NO_ALPINE],
  ["couchdb", NO_ALPINE],
  ["cassandra", NO_ALPINE],
  ["orientdb", NO_ALPINE],
  ["kong", NO_ALPINE],
  ["pypy", NO_ALPINE],
  ["groovy", NO_ALPINE],
  ["unit", NO_ALPINE],
]);

/** The facts for an official image by its short name (`golang`, not `library/golang`). */
export function officialImage(name: string): OfficialImage | undefined {
  return OFFICIAL_IMAGES.get(name);
}
