CREATE TABLE `effort_years` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`year` integer NOT NULL,
	`budget_kr` integer,
	`outcome_kr` integer,
	`planned_participants` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `effort_years_course_year` ON `effort_years` (`course_id`,`year`);--> statement-breakpoint
CREATE INDEX `effort_years_organiser_year` ON `effort_years` (`organiser_id`,`year`);