import type { LocalObjectStore } from './services';

/**
 * What the test itself reads and writes in the bucket, over plain HTTP: s3rver serves unsigned
 * requests, and this keeps the aws CLI (about a second of start-up per call) for the scripts alone.
 */
export class BucketClient {
  constructor(
    private readonly store: LocalObjectStore,
    readonly bucket: string,
  ) {}

  private async request(method: string, path: string, body?: string | Buffer): Promise<Buffer> {
    const response = await fetch(`${this.store.endpoint}/${this.bucket}${path}`, { method, body });
    const bytes = Buffer.from(await response.arrayBuffer());
    if (!response.ok) throw new Error(`${method} ${path} in bucket ${this.bucket}: ${response.status} ${bytes.toString('utf8')}`);
    return bytes;
  }

  /** Writes the object `key` (a full key, e.g. `postgres/videos-….sql.gz`). */
  async put(key: string, body: string | Buffer): Promise<void> {
    await this.request('PUT', `/${key}`, body);
  }

  /** The keys under `prefix/`, without the prefix, sorted. */
  async list(prefix: string): Promise<string[]> {
    const xml = (await this.request('GET', `?list-type=2&prefix=${encodeURIComponent(prefix ? `${prefix}/` : '')}`)).toString('utf8');
    return [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => decodeXml(match[1]).slice(prefix ? prefix.length + 1 : 0)).sort();
  }

  /** The bytes of `prefix/key`. */
  download(prefix: string, key: string): Promise<Buffer> {
    return this.request('GET', `/${prefix}/${key}`);
  }

  /** Deletes every object in the bucket. */
  async empty(): Promise<void> {
    for (const key of await this.list('')) await this.request('DELETE', `/${key}`);
  }
}

function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[entity]!);
}
