// The tables live with the Dockerfile rules, which use them too.
export { ALPINE_BASE_GROUPS, ALPINE_BASE_RELEASE, ALPINE_BASE_USERS } from "@alpinize/dockerfile";
