/** A group both base images have, with Debian's and Alpine's GID. */
export interface RenumberedGroup {
  name: string;
  debian: number;
  alpine: number;
}
