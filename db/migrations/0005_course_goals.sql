ALTER TABLE `courses` ADD `goals` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `courses` ADD `default_leader_ids` text DEFAULT '[]' NOT NULL;