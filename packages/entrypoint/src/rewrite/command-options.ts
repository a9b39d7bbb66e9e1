import type { OptionSpec } from "../shell/options.js";

export const GROUPADD: OptionSpec = {
  withValue: "gKp",
  flags: "froU",
  long: { gid: "g", key: "K", password: "p", force: "f", system: "r", "non-unique": "o" },
};
export const USERMOD: OptionSpec = {
  withValue: "Gcdeglpsu",
  flags: "amUL",
  long: { groups: "G", append: "a", gid: "g", home: "d", shell: "s", uid: "u", login: "l" },
};
export const USERADD: OptionSpec = {
  withValue: "ugdsGcefkKpb",
  flags: "MmrNoUl",
  long: {
    uid: "u",
    gid: "g",
    "home-dir": "d",
    shell: "s",
    groups: "G",
    comment: "c",
    "no-create-home": "M",
    "create-home": "m",
    system: "r",
    "no-user-group": "N",
    "non-unique": "o",
    "user-group": "U",
    "no-log-init": "l",
  },
};
export const BB_ADDGROUP: OptionSpec = {
  withValue: "g",
  flags: "S",
  long: { gid: "g", system: "S" },
};
export const BB_ADDUSER: OptionSpec = {
  withValue: "hgsGuk",
  flags: "DSH",
  long: {
    home: "h",
    gecos: "g",
    shell: "s",
    ingroup: "G",
    uid: "u",
    "disabled-password": "D",
    system: "S",
    "no-create-home": "H",
  },
};
