/** Piece size for a source of unknown size (a pipe, a device, /proc), or one that grew. */
export const PIECE = 1024 * 1024;

/**
 * The buffers one bounded read fills, in order, shared by the async and sync readers. The first
 * is sized from fstat (a regular file's size + 1, to see growth), each later one 1 MiB, and none
 * reaches past `cap`: what is refused costs at most `cap` bytes of memory.
 */
export class Pieces {
  private readonly parts: Buffer[] = [];
  /** Bytes that came so far. */
  total = 0;
  private size: number;
  private ended = false;
  private current: Buffer | undefined;

  constructor(
    private readonly cap: number,
    first = PIECE,
  ) {
    this.size = Math.min(cap, first);
  }

  /** The next buffer to fill, or undefined once the source ended or `cap` bytes came. */
  next(): Buffer | undefined {
    if (this.ended || this.total >= this.cap) return undefined;
    this.current = Buffer.allocUnsafe(this.size);
    return this.current;
  }

  /** Records that `got` bytes came into the buffer `next` gave; fewer than asked is the end. */
  add(got: number): void {
    const piece = this.current as Buffer;
    this.parts.push(piece.subarray(0, got));
    this.total += got;
    this.ended = got < piece.length;
    this.size = Math.min(this.cap - this.total, PIECE);
  }

  /**
   * The first `length` bytes that came, in one buffer (not copied when they came in one piece).
   * Asked only for what is kept: joining what is refused would double its memory for nothing.
   */
  bytes(length = this.total): Buffer {
    const [only] = this.parts;
    return this.parts.length === 1 && only
      ? only.subarray(0, length)
      : Buffer.concat(this.parts, length);
  }
}
