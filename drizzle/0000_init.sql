CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`role` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_uq` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`position` text DEFAULT '' NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`source` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assignments_range" CHECK("assignments"."valid_to" IS NULL OR "assignments"."valid_to" >= "assignments"."valid_from")
);
--> statement-breakpoint
CREATE INDEX `assignments_person_idx` ON `assignments` (`person_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `assignments_unit_idx` ON `assignments` (`unit_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` text,
	`actor_token_id` text,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`details` text,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_token_id`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `completions` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`course_id` text NOT NULL,
	`course_version` text NOT NULL,
	`completed_on` text NOT NULL,
	`completed_at` integer NOT NULL,
	`score` real,
	`attempt_id` text,
	`unit_id` text,
	`unit_name` text,
	`certificate_code` text NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text,
	`revoked_by` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `completions_certificate_uq` ON `completions` (`certificate_code`);--> statement-breakpoint
CREATE INDEX `completions_person_idx` ON `completions` (`person_id`,`completed_on`);--> statement-breakpoint
CREATE INDEX `completions_course_idx` ON `completions` (`course_id`,`completed_on`);--> statement-breakpoint
CREATE TABLE `courses` (
	`id` text PRIMARY KEY NOT NULL,
	`folder` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`category` text NOT NULL,
	`duration_tiet` integer NOT NULL,
	`skill_strand` text NOT NULL,
	`report_row` text NOT NULL,
	`yearly` integer NOT NULL,
	`audience` text NOT NULL,
	`objectives` text NOT NULL,
	`status` text NOT NULL,
	`version` text NOT NULL,
	`position` integer NOT NULL,
	`has_quiz` integer NOT NULL,
	`synced_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `external_records` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`course_id` text,
	`title` text NOT NULL,
	`completed_on` text NOT NULL,
	`duration_tiet` real NOT NULL,
	`mode` text,
	`source` text NOT NULL,
	`note` text,
	`unit_id` text,
	`batch_id` text,
	`entered_by` text,
	`entered_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `external_records_person_idx` ON `external_records` (`person_id`,`completed_on`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`file_name` text,
	`row_count` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lesson_progress` (
	`person_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`course_id` text NOT NULL,
	`first_viewed_at` integer NOT NULL,
	`last_viewed_at` integer NOT NULL,
	`completed_at` integer,
	PRIMARY KEY(`person_id`, `lesson_id`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lesson_progress_course_idx` ON `lesson_progress` (`person_id`,`course_id`);--> statement-breakpoint
CREATE TABLE `lessons` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`position` integer NOT NULL,
	`minutes` integer NOT NULL,
	`version` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lessons_course_slug_uq` ON `lessons` (`course_id`,`slug`);--> statement-breakpoint
CREATE TABLE `lineage_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`effective_date` text NOT NULL,
	`decision_number` text NOT NULL,
	`decision_date` text NOT NULL,
	`decision_issuer` text NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lineage_links` (
	`event_id` integer NOT NULL,
	`from_unit_id` text,
	`to_unit_id` text,
	`ordinal` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `lineage_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lineage_links_from_idx` ON `lineage_links` (`from_unit_id`);--> statement-breakpoint
CREATE INDEX `lineage_links_to_idx` ON `lineage_links` (`to_unit_id`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username_key` text NOT NULL,
	`at` integer NOT NULL,
	`ok` integer NOT NULL,
	`ip` text
);
--> statement-breakpoint
CREATE INDEX `login_attempts_user_idx` ON `login_attempts` (`username_key`,`at`);--> statement-breakpoint
CREATE TABLE `login_throttles` (
	`username_key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`national_id` text NOT NULL,
	`ho` text NOT NULL,
	`chu_dem` text DEFAULT '' NOT NULL,
	`ten` text NOT NULL,
	`full_name_original` text,
	`search_key` text NOT NULL,
	`birth_date` text,
	`sex` text,
	`email` text,
	`rank` text,
	`staff_type` text NOT NULL,
	`left_on` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "people_national_id_format" CHECK(length("people"."national_id") = 12 AND "people"."national_id" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_national_id_uq` ON `people` (`national_id`);--> statement-breakpoint
CREATE TABLE `plan_requirements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`course_id` text NOT NULL,
	`audience` text NOT NULL,
	`due_date` text NOT NULL,
	FOREIGN KEY (`year`) REFERENCES `plans`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_requirements_year_idx` ON `plan_requirements` (`year`);--> statement-breakpoint
CREATE TABLE `plans` (
	`year` integer PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`reference_date` text,
	`target_pct` real NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`course_id` text NOT NULL,
	`course_version` text NOT NULL,
	`shown` text NOT NULL,
	`answers` text,
	`started_at` integer NOT NULL,
	`deadline_at` integer,
	`submitted_at` integer,
	`score` real,
	`passed` integer,
	`graded` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quiz_attempts_person_idx` ON `quiz_attempts` (`person_id`,`course_id`);--> statement-breakpoint
CREATE TABLE `role_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` text,
	`granted_by` text,
	`granted_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `role_grants_user_idx` ON `role_grants` (`user_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `unit_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` text,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`event_id` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `lineage_events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "unit_versions_range" CHECK("unit_versions"."valid_to" IS NULL OR "unit_versions"."valid_to" >= "unit_versions"."valid_from")
);
--> statement-breakpoint
CREATE INDEX `unit_versions_unit_idx` ON `unit_versions` (`unit_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `unit_versions_code_idx` ON `unit_versions` (`code`,`valid_from`);--> statement-breakpoint
CREATE INDEX `unit_versions_parent_idx` ON `unit_versions` (`parent_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`display_name` text NOT NULL,
	`person_id` text,
	`locale` text DEFAULT 'vi' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`disabled_at` integer,
	`password_changed_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `year_closes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`params` text NOT NULL,
	`report` text NOT NULL,
	`closed_by` text,
	`closed_at` integer NOT NULL,
	`reopened_by` text,
	`reopened_at` integer,
	`reopen_reason` text,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reopened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `year_closes_year_idx` ON `year_closes` (`year`);