// Public types, every one derived from the generated OpenAPI types: no schema is written twice.
import type { components, operations } from '../../generated/schema.js';

/** Query parameters of SearchUsers (`GET /v1/usg/dcs/corp/member`). */
export type SearchUsersQuery = NonNullable<operations['SearchUsers']['parameters']['query']>;
/** One enterprise user as returned by SearchUsers. */
export type MeetingUser = components['schemas']['SearchUserResultDTO'];
/** One page as the spec describes it: `count` and `data` required, the rest optional. */
export type SearchUsersPageSchema = components['schemas']['SearchUsersPage'];
/** One page as this client returns it: `count` and `data` were checked to be present. */
export type SearchUsersPage = SearchUsersPageSchema & { count: number; data: MeetingUser[] };
/** The body of a failed request. */
export type MeetingErrorBody = components['schemas']['ErrorResponse'];
/** `0` normal, `1` disabled. */
export type UserStatus = operations['BatchUpdateUserStatus']['parameters']['path']['value'];
/** `0` Huawei Cloud Meeting account, `1` third-party user ID. */
export type AccountType = NonNullable<NonNullable<operations['BatchUpdateUserStatus']['parameters']['query']>['accountType']>;
/** The value sent as `Accept-Language`. */
export type MeetingLanguage = NonNullable<NonNullable<operations['SearchUsers']['parameters']['header']>['Accept-Language']>;
export type SortField = NonNullable<SearchUsersQuery['sortField']>;
export type UserType = NonNullable<SearchUsersQuery['userType']>[number];
export type AdminTypeFilter = NonNullable<SearchUsersQuery['adminType']>;

/** Fails to compile when a runtime list of enum values stops covering its generated union. */
export type Exhaustive<Union, Listed extends Union> = [Union] extends [Listed] ? true : never;
