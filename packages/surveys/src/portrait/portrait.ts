// A picture of a persona, as stored and served: its media type and its bytes (text for SVG, binary for an image model's).
export interface Portrait {
  /** image/svg+xml offline; image/png, image/jpeg or image/webp from an image model */
  contentType: string;
  body: string | Uint8Array;
}

/** SVG is text; every other picture is bytes, read and served as such. */
export const isTextPortrait = (contentType: string) => contentType.startsWith("image/svg") || contentType.startsWith("text/");
