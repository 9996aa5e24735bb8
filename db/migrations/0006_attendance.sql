CREATE TABLE `attendance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registration_id` integer NOT NULL,
	`day_id` integer NOT NULL,
	`status` text NOT NULL,
	`via` text NOT NULL,
	`marked_by` integer,
	`marked_at` integer NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`day_id`) REFERENCES `occasion_days`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_registration_day` ON `attendance` (`registration_id`,`day_id`);--> statement-breakpoint
CREATE INDEX `attendance_day` ON `attendance` (`day_id`,`status`);--> statement-breakpoint
ALTER TABLE `courses` ADD `certificate_share` real DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `occasion_days` ADD `checkin_secret` text;--> statement-breakpoint
ALTER TABLE `organisers` ADD `attendance_lock_days` integer DEFAULT 14 NOT NULL;