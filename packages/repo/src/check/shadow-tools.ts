/**
 * shadow's account tools that Alpine's busybox has no applet for (checked against Alpine's
 * busybox 1.37.0 build config), each with what to run instead. busybox does have passwd,
 * chpasswd, adduser, addgroup, deluser, delgroup, login, su and nologin: those are never reported.
 */
export const SHADOW_TOOLS: ReadonlyMap<string, string> = new Map([
  ["useradd", "use busybox adduser (adduser -D -u UID -G GROUP -s SHELL NAME), or apk add shadow"],
  ["groupadd", "use busybox addgroup (addgroup -g GID NAME), or apk add shadow"],
  ["usermod", "addgroup USER GROUP adds a user to a group; other changes need apk add shadow"],
  ["groupmod", "apk add shadow (or recreate the group with delgroup and addgroup -g GID NAME)"],
  ["userdel", "use busybox deluser NAME, or apk add shadow"],
  ["groupdel", "use busybox delgroup NAME, or apk add shadow"],
  [
    "gpasswd",
    "gpasswd -a USER GROUP is busybox addgroup USER GROUP, gpasswd -d USER GROUP is delgroup USER GROUP; otherwise apk add shadow",
  ],
  ["chsh", "set the shell when creating the user (adduser -s SHELL), or apk add shadow"],
  ["chfn", "set the GECOS field when creating the user (adduser -g TEXT), or apk add shadow"],
  ["chage", "password ageing needs apk add shadow"],
  ["newusers", "create each user with busybox adduser (and chpasswd), or apk add shadow"],
  ["chgpasswd", "apk add shadow"],
]);
