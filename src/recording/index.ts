// Recorded exchanges: their format, capture from a server, normalizing/scrubbing, and recording a run.
export { requestUrl, responseText, type RecordedExchange, type RecordedRequest, type RecordedResponse } from './exchange.js';
export { captureExchange, type CaptureTarget } from './capture.js';
export { Scrubber, assertNoSecret, NORMALIZED_REQUEST_ID, NORMALIZED_TIME, REDACTED, type ScrubOptions } from './scrub.js';
export { checkTarget, HUAWEI_BASE_URL, normalizeBaseUrl, originOf, type Origin, type Target } from './target.js';
export { checkRecordOptions, recordLive, type RecordLiveOptions, type RecordLiveResult } from './record.js';
export { fromHar, fromHarEntry, toHar, toHarEntry, type Har, type HarEntry, type HarNameValue, type NamedExchange } from './har.js';
