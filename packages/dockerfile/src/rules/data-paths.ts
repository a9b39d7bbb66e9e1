// What COPY moves that is data, not code: shared by the rules that judge copies between
// glibc and musl stages, kept apart so that none of them imports another for these tables.

/** Files that are data whatever the C library: web assets, configuration, Java archives, keys. */
export const DATA_FILE =
  /\.(?:html?|css|js|mjs|cjs|map|json|ya?ml|toml|ini|conf|cfg|env|txt|md|xml|svg|png|jpe?g|gif|ico|webp|woff2?|ttf|jar|war|ear|class|pem|crt|key|sql|csv|properties|sh)$/i;

/**
 * Configuration and shared data directories, and web asset directories by their usual names.
 * `/usr/local/go` is Go's release toolchain, whose programs are static; `/usr/share/dotnet` is
 * .NET's runtime, which is not data.
 */
export const DATA_DIR =
  /^\/(?:etc|usr\/share(?!\/dotnet\b)|usr\/local\/share)\/|\/(?:static|assets|public|templates|locales?|i18n|fonts|images|css)\/?$|^\/usr\/local\/go\/?$/;
