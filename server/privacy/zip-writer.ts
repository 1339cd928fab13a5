// A ZIP written to a file as it is made (fflate's streaming Zip): each entry is pushed in
// chunks and what fflate produces goes to the file with back-pressure, so a large account
// (its messages and ledger read a page at a time) is never held in memory whole.
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from "fflate";

export class ZipFileWriter {
  private readonly out: WriteStream;
  private readonly zip: Zip;
  private readonly pending: Uint8Array[] = [];
  private failure: Error | null = null;
  private written = 0;

  constructor(
    file: string,
    private readonly mtime: Date,
  ) {
    this.out = createWriteStream(file, { flags: "wx", mode: 0o600 });
    this.out.on("error", (e) => (this.failure ??= e));
    this.zip = new Zip((err, chunk) => {
      if (err) this.failure ??= err;
      else this.pending.push(chunk);
    });
  }

  /** Hands what fflate made so far to the file, waiting when the file's buffer is full. */
  private async flush() {
    while (this.pending.length) {
      const chunk = this.pending.shift()!;
      this.written += chunk.length;
      if (this.failure || this.out.destroyed) break;
      if (!this.out.write(chunk)) await Promise.race([once(this.out, "drain"), finished(this.out)]);
    }
    if (this.failure) throw this.failure;
    if (this.out.destroyed) throw new Error("the export file was closed");
  }

  /** A compressed entry written piece by piece: `write` may be called many times, then it is closed. */
  async entry(name: string, fill: (write: (text: string) => Promise<void>) => Promise<void>) {
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = this.mtime;
    this.zip.add(entry);
    let buffered: string[] = [];
    let size = 0;
    // Small pieces are gathered into ~64 KB chunks before compressing.
    const push = async (isFinal: boolean) => {
      entry.push(strToU8(buffered.join("")), isFinal);
      buffered = [];
      size = 0;
      await this.flush();
    };
    await fill(async (text) => {
      buffered.push(text);
      size += text.length;
      if (size >= 64 * 1024) await push(false);
    });
    await push(true);
  }

  /** An entry holding a JSON value. */
  json(name: string, value: unknown) {
    return this.entry(name, (write) => write(`${JSON.stringify(value, null, 2)}\n`));
  }

  /** A file copied in as it is (photos are WebP already: stored, not compressed again). */
  async file(name: string, path: string) {
    const entry = new ZipPassThrough(name);
    entry.mtime = this.mtime;
    this.zip.add(entry);
    for await (const chunk of createReadStream(path)) {
      entry.push(chunk as Uint8Array, false);
      await this.flush();
    }
    entry.push(new Uint8Array(0), true);
    await this.flush();
  }

  /** Writes the central directory and closes the file; answers its size in bytes. */
  async close(): Promise<number> {
    this.zip.end();
    await this.flush();
    this.out.end();
    await finished(this.out);
    return this.written;
  }

  /** Gives up (after a failure): closes the file without finishing the archive. */
  async abort() {
    this.zip.terminate();
    if (!this.out.destroyed) this.out.destroy();
    await finished(this.out).catch(() => {});
  }
}
