// List users with this project's client. MEETING_TOKEN holds your X-Access-Token.
import { createMeetingClient, MeetingApiError } from 'huawei-meeting-users';

const client = createMeetingClient({
  accessToken: process.env.MEETING_TOKEN ?? '',
  language: 'en-US',
});

try {
  // One page of common (2) and IdeaHub (13) users.
  const page = await client.searchUsers({ offset: 0, limit: 10, userType: [2, 13] });
  console.log(`${page.count} users match`, page.data.map((user) => user.name));

  // Every disabled user: the client pages for you and stops at `count`.
  const disabled = client.searchAllUsers({ status: 1 }, { pageSize: 100, concurrency: 2 });
  for await (const user of disabled) console.log(user.userAccount, user.name);
} catch (error) {
  if (error instanceof MeetingApiError) {
    console.error(error.status, error.errorCode, error.requestId);
  }
  throw error;
}
