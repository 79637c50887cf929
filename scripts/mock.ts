// `npm run mock`: the embedded mock on its own, on 127.0.0.1:4010 (PORT and HOST override).
// Any non-empty X-Access-Token is accepted.
import { startMockServer } from '../src/mock/index.js';

const port = Number(process.env.PORT ?? 4010);
const host = process.env.HOST ?? '127.0.0.1';

try {
  const mock = await startMockServer({ port, host });
  console.log(`Mock of the Huawei Cloud Meeting user APIs on ${mock.url}/v1/usg/dcs/corp/member (${mock.store.users.length} users)`);
  const stop = () => void mock.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
