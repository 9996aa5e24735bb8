CREATE TABLE `courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`course_type` text NOT NULL,
	`responsible_party_code` text,
	`asks_dietary` integer DEFAULT true NOT NULL,
	`reminder_days_before` integer DEFAULT 2 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `courses_organiser` ON `courses` (`organiser_id`);--> statement-breakpoint
CREATE TABLE `occasion_days` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`occasion_id` integer NOT NULL,
	`uid` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	FOREIGN KEY (`occasion_id`) REFERENCES `occasions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `occasion_days_uid_unique` ON `occasion_days` (`uid`);--> statement-breakpoint
CREATE INDEX `occasion_days_occasion` ON `occasion_days` (`occasion_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `occasions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`label` text,
	`online` integer DEFAULT false NOT NULL,
	`venue` text,
	`address` text,
	`meeting_url` text,
	`capacity` integer NOT NULL,
	`registration_opens_at` integer,
	`registration_closes_at` integer,
	`status` text DEFAULT 'published' NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `occasions_organiser_start` ON `occasions` (`organiser_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `organisers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text,
	`website` text,
	`retention_months` integer DEFAULT 36 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisers_slug_unique` ON `organisers` (`slug`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`kind` text NOT NULL,
	`registration_id` integer,
	`sequence` integer DEFAULT 0 NOT NULL,
	`to_address` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`subject` text,
	`last_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `parties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`municipality` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parties_organiser_code` ON `parties` (`organiser_id`,`code`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`occasion_id` integer NOT NULL,
	`manage_token` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`email_key` text NOT NULL,
	`party_code` text NOT NULL,
	`workplace_id` integer,
	`role` text,
	`gender` text,
	`dietary` text,
	`accessibility_needs` text,
	`status` text NOT NULL,
	`cancelled_from` text,
	`source` text DEFAULT 'web' NOT NULL,
	`invite_sequence` integer DEFAULT 0 NOT NULL,
	`change_id` text,
	`last_change` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`confirmed_at` integer,
	`cancelled_at` integer,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`occasion_id`) REFERENCES `occasions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workplace_id`) REFERENCES `workplaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_manage_token_unique` ON `registrations` (`manage_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_active_email` ON `registrations` (`occasion_id`,`email_key`) WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX `registrations_occasion_status` ON `registrations` (`occasion_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `registrations_change` ON `registrations` (`change_id`);--> statement-breakpoint
CREATE TABLE `workplaces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`name` text NOT NULL,
	`municipality` text NOT NULL,
	`org_number` text,
	`match_key` text NOT NULL,
	`merged_into_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workplaces_match` ON `workplaces` (`organiser_id`,`match_key`);