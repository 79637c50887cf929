// Recorded exchanges: their format, capture from a server, and normalizing/scrubbing.
export { requestUrl, responseText, type RecordedExchange, type RecordedRequest, type RecordedResponse } from './exchange.js';
export { captureExchange, type CaptureTarget } from './capture.js';
export { Scrubber, assertNoSecret, NORMALIZED_REQUEST_ID, NORMALIZED_TIME, REDACTED, type ScrubOptions } from './scrub.js';
