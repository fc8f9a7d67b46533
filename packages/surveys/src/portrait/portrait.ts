// A picture of a persona, as stored and served: its bytes as text (SVG) and its media type.
export interface Portrait {
  /** e.g. image/svg+xml */
  contentType: string;
  body: string;
}
