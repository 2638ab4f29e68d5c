/** A URL record (WHATWG URL §4.1); `path` is a string when the URL has an opaque path. */
export interface UrlRecord {
  scheme: string;
  username: string;
  password: string;
  host: string | null;
  port: number | null;
  path: string[] | string;
  query: string | null;
  fragment: string | null;
}
