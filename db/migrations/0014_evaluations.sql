CREATE TABLE `evaluation_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`evaluation_id` integer NOT NULL,
	`overall` integer NOT NULL,
	`usefulness` integer NOT NULL,
	`recommend` text NOT NULL,
	`good` text,
	`better` text,
	`extra` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`evaluation_id`) REFERENCES `evaluations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evaluation_answers_evaluation` ON `evaluation_answers` (`evaluation_id`);--> statement-breakpoint
CREATE TABLE `evaluation_invites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`evaluation_id` integer NOT NULL,
	`registration_id` integer NOT NULL,
	`token` text NOT NULL,
	`answered` integer DEFAULT false NOT NULL,
	`invited_at` integer NOT NULL,
	`reminded_at` integer,
	FOREIGN KEY (`evaluation_id`) REFERENCES `evaluations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_invites_token_unique` ON `evaluation_invites` (`token`);--> statement-breakpoint
CREATE UNIQUE INDEX `evaluation_invites_registration` ON `evaluation_invites` (`evaluation_id`,`registration_id`);--> statement-breakpoint
CREATE TABLE `evaluations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`occasion_id` integer NOT NULL,
	`questions` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`occasion_id`) REFERENCES `occasions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evaluations_occasion` ON `evaluations` (`occasion_id`);--> statement-breakpoint
ALTER TABLE `courses` ADD `evaluated` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `courses` ADD `evaluation_questions` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisers` ADD `evaluation_reminder_days` integer DEFAULT 4 NOT NULL;