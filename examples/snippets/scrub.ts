// The one secret scrubber every Graft package uses, for an app's own logs and stores.
import { createScrubber, scrubJson } from '@graft/providers/scrub';

const key = process.env.API_KEY ?? `p'a"ss w%rd`;
const scrubber = createScrubber({ API_KEY: key }); // or an array of values
const line = `GET /v1?key=${encodeURIComponent(key)} Authorization: Basic ${btoa(`user:${key}`)}`;
console.log(scrubber.scrub(line)); // every known form of the key → '[REDACTED]'
console.log(scrubJson({ note: JSON.stringify({ key }) }, scrubber.scrub)); // keys and string values of a JSON value
