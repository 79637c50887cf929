// One page of users, then every disabled user. Set MEETING_TOKEN to your X-Access-Token.
import { createMeetingClient, MeetingApiError } from 'huawei-meeting-users';

const client = createMeetingClient({
  accessToken: process.env.MEETING_TOKEN ?? '',
  language: 'en-US',
});

try {
  // Common (2) and IdeaHub (13) users; `count` is the total number that match.
  const page = await client.searchUsers({ offset: 0, limit: 10, userType: [2, 13] });
  console.log(`${page.count} users, first page:`, page.data.map((user) => user.name));

  // Every disabled user: pages are fetched for you and reading stops at `count`, because an
  // offset past the end returns the last page again.
  for await (const user of client.searchAllUsers({ status: 1 }, { pageSize: 100, concurrency: 2 })) {
    console.log(user.userAccount, user.name);
  }
} catch (error) {
  if (error instanceof MeetingApiError) console.error(error.message);
  throw error;
}
