/** Commands that only exist on Debian-family images: their presence marks a step to convert. */
export const DEBIAN_TOOLS =
  /\b(?:apt-get|apt|aptitude|xx-apt|xx-apt-get|dpkg|groupadd|useradd|usermod)\b/;
