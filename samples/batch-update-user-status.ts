// Disable (1) a list of Huawei Cloud Meeting accounts. Set MEETING_TOKEN to your X-Access-Token.
import { createMeetingClient, MeetingApiError } from 'huawei-meeting-users';

const client = createMeetingClient({
  accessToken: process.env.MEETING_TOKEN ?? '',
  language: 'en-US',
});

const accounts = ['test010', 'test011', 'test012'];

try {
  // Long lists are sent in chunks; a status change is absolute, so a retried chunk is harmless.
  const { updated } = await client.batchUpdateUserStatus(
    { status: 1, accounts, accountType: 0 },
    { chunkSize: 100, concurrency: 2 },
  );
  console.log('disabled:', updated);
} catch (error) {
  // A partial failure says which accounts were updated and which were not.
  if (error instanceof MeetingApiError) console.error(error.message);
  throw error;
}
