// The live service named by the environment: MEETING_TOKEN (required) and MEETING_BASE_URL
// (default https://api.meeting.huaweicloud.com). Only HTTPS may carry the token off this machine.
import { HUAWEI_BASE_URL } from '../src/recording/index.js';

export type LiveTarget = { baseUrl: string; token: string };

export const DEFAULT_BASE_URL = HUAWEI_BASE_URL;

export function liveTarget(env: NodeJS.ProcessEnv = process.env): LiveTarget | undefined {
  const token = env.MEETING_TOKEN?.trim();
  if (!token) return undefined;
  const baseUrl = (env.MEETING_BASE_URL?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, '');
  const url = new URL(baseUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !loopback) throw new Error(`MEETING_BASE_URL must be https (or loopback): ${url.origin}`);
  return { baseUrl, token };
}

/** The target, or undefined without a token; an unusable MEETING_BASE_URL ends the process (exit 2). */
export function liveTargetOrExit(): LiveTarget | undefined {
  try {
    return liveTarget();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
