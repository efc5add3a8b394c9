/**
 * Every stable error code the HTTP API answers with (`{ error: code, message, details? }`).
 *
 * The OpenAPI document declares this list on every error response (`errorBody` in `openapi.ts`),
 * so a client knows each refusal it may meet; the web catalogues (`errors.<code>` in
 * `src/web/shared/i18n/{uk,en}.json`) give each one a message in the user's language, and
 * `test/api/error-codes.test.ts` fails when a code thrown in `src/server` is missing here or
 * a declared code has no message in either catalogue.
 */
export const ERROR_CODES = [
  // the request itself (error handler, auth, limits)
  'validation_failed',
  'bad_request',
  'malformed_json',
  'empty_body',
  'payload_too_large',
  'unsupported_media_type',
  'invalid_content_length',
  'value_out_of_range',
  'invalid_datetime',
  'invalid_cursor',
  'route_not_found',
  'internal_error',
  'unauthenticated',
  'invalid_credentials',
  'invalid_token',
  'forbidden',
  'too_many_requests',
  'too_many_sign_in_attempts',
  'control_characters',
  'cross_origin_request',
  'service_unavailable',
  // files
  'file_missing',
  'file_too_large',
  'too_many_files',
  'too_many_parts',
  'not_multipart',
  'empty_file',
  'unsupported_file_type',
  'attachment_not_found',
  'unknown_attachment',
  'image_unreadable',
  'assignment_ended',
  // appeals and their lifecycle
  'appeal_not_found',
  'applicant_not_found',
  'unknown_question_type',
  'unknown_executor',
  'repeat_of_decided_appeal',
  'idempotency_key_reused',
  'transition_not_allowed',
  'main_assignment_exists',
  'no_main_assignment',
  'no_active_assignment',
  'already_assigned',
  'rework_limit_reached',
  // deadlines
  'extension_already_requested',
  'extension_already_decided',
  'extension_over_45_days',
  'extension_request_not_found',
  'explanation_already_requested',
  'explanation_already_answered',
  'explanation_request_not_found',
  'not_overdue',
  'notification_not_found',
  // administration
  'unknown_kind',
  'unknown_organisation',
  'kind_exists',
  'question_type_exists',
  'organisation_exists',
  'organisation_required',
  'login_taken',
  'api_token_not_found',
  'api_key_not_found',
  // portal and moderation
  'submission_not_found',
  'submission_already_moderated',
  'address_required',
  'appeal_closed',
  'appeal_not_registered',
  'tracking_not_found',
  'too_many_attempts',
  'too_many_photos',
  'dispute_not_possible',
  'merged_into_other_appeal',
  'invalid_period',
  'invalid_bbox',
  'invalid_month',
  'unknown_original_appeal',
  // administration of users
  'user_not_found',
  // assistance (suggestions, formal answers)
  'suggestion_model_not_found',
  'duplicate_phrase',
  // the address registry
  'unknown_building',
  'street_not_found',
  'building_not_found',
  'same_name',
  'filter_required',
  'same_building',
  'building_merged',
  'bad_rule',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
