// Where portraits are kept: an S3 bucket (the local cloud's S3-compatible server locally), or memory in unit tests.
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { isTextPortrait, type Portrait } from "./portrait";

export interface PortraitStore {
  put(key: string, portrait: Portrait): Promise<void>;
  get(key: string): Promise<Portrait | undefined>;
  delete(key: string): Promise<void>;
}

/** One object per persona, whatever painted it (the object's content type says what it is); drawing again overwrites it. */
export const portraitKeyOf = (personaId: string) => `portraits/${personaId}.svg`;

export class S3PortraitStore implements PortraitStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, portrait: Portrait): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: portrait.body, ContentType: portrait.contentType }));
  }

  async get(key: string): Promise<Portrait | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const contentType = object.ContentType ?? "application/octet-stream";
      if (isTextPortrait(contentType)) return { contentType, body: (await object.Body?.transformToString("utf8")) ?? "" };
      return { contentType, body: (await object.Body?.transformToByteArray()) ?? new Uint8Array() };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

export class InMemoryPortraitStore implements PortraitStore {
  readonly objects = new Map<string, Portrait>();

  async put(key: string, portrait: Portrait): Promise<void> {
    this.objects.set(key, { ...portrait });
  }

  async get(key: string): Promise<Portrait | undefined> {
    const found = this.objects.get(key);
    return found ? { ...found } : undefined;
  }

  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }
}
