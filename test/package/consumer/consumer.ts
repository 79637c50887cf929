// A user's project, compiled by test/package/install.test.ts against the installed tarball under
// `strict` with module nodenext and with moduleResolution bundler, then run against the mock.
import { createMeetingClient, MeetingApiError, type MeetingUser } from 'huawei-meeting-users';
import { startMockServer } from 'huawei-meeting-users/mock';
import { createValidatingFetch, type DriftReport } from 'huawei-meeting-users/response-validator';
import spec from 'huawei-meeting-users/openapi.json' with { type: 'json' };
import manifest from 'huawei-meeting-users/package.json' with { type: 'json' };

const mock = await startMockServer();
try {
  const drift: DriftReport[] = [];
  const client = createMeetingClient({
    accessToken: 'any-token',
    baseUrl: mock.url,
    language: 'en-US',
    fetch: createValidatingFetch({ onDrift: (report) => drift.push(report) }),
  });
  const disabled: MeetingUser[] = [];
  for await (const user of client.searchAllUsers({ status: 1 }, { pageSize: 50 })) disabled.push(user);
  const accounts = disabled.map((user) => user.userAccount).filter((account): account is string => typeof account === 'string');
  const { updated } = await client.batchUpdateUserStatus({ status: 0, accounts });
  const after = await client.searchUsers({ status: 1 });
  let unknownAccount = '';
  try {
    await client.batchUpdateUserStatus({ status: 0, accounts: ['nobody-such'] });
  } catch (error) {
    if (error instanceof Error && 'failed' in error && Array.isArray(error.failed)) {
      const cause: unknown = error.failed[0]?.error;
      if (cause instanceof MeetingApiError) unknownAccount = `${cause.status} ${cause.errorCode ?? ''}`;
    }
  }
  const title: string = spec.info.title;
  const version: string = manifest.version;
  console.log(JSON.stringify({ before: accounts.length, updated: updated.length, after: after.count, unknownAccount, drift: drift.length, title, version, yaml: import.meta.resolve('huawei-meeting-users/openapi.yaml') }));
} finally {
  await mock.close();
}
