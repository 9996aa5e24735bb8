CREATE TABLE `retention_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`rule` text NOT NULL,
	`what` text NOT NULL,
	`rows` integer NOT NULL,
	`user_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `retention_log_organiser_at` ON `retention_log` (`organiser_id`,`at`);--> statement-breakpoint
ALTER TABLE `organisers` ADD `needs_retention_days` integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE `organisers` ADD `late_cancel_days` integer;--> statement-breakpoint
ALTER TABLE `organisers` ADD `dpo_email` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `charge` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `charge_marked_at` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `anonymised_at` integer;