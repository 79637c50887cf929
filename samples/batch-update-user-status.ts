// Disable accounts with this project's client. MEETING_TOKEN holds your X-Access-Token.
import { createMeetingClient, MeetingBatchError } from 'huawei-meeting-users';

const client = createMeetingClient({
  accessToken: process.env.MEETING_TOKEN ?? '',
  language: 'en-US',
});

const accounts = ['test010', 'test011', 'test012'];

try {
  // Status 1 disables; accountType 0 means Huawei Cloud Meeting accounts.
  // Sent in chunks of 100 accounts, two requests at a time.
  const { updated } = await client.batchUpdateUserStatus(
    { status: 1, accounts, accountType: 0 },
    { chunkSize: 100, concurrency: 2 },
  );
  console.log(`disabled ${updated.length} accounts`);
} catch (error) {
  if (error instanceof MeetingBatchError) {
    // Nothing is lost: setting a status is idempotent, so re-send the failed ones.
    console.log('disabled:', error.updated);
    console.error('failed:', error.failed.map((chunk) => chunk.accounts));
  }
  throw error;
}
