CREATE TABLE `occasion_leaders` (
	`occasion_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	FOREIGN KEY (`occasion_id`) REFERENCES `occasions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `occasion_leaders_pk` ON `occasion_leaders` (`occasion_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `occasion_leaders_user` ON `occasion_leaders` (`user_id`);