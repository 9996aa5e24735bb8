DROP INDEX `registrations_occasion_status`;--> statement-breakpoint
CREATE INDEX `registrations_occasion_facts` ON `registrations` (`occasion_id`,`status`,`id`,`email_key`,`name`,`party_code`,`workplace_id`,`gender`);--> statement-breakpoint
CREATE INDEX `attendance_registration_status` ON `attendance` (`registration_id`,`status`);--> statement-breakpoint
CREATE INDEX `workplaces_organiser_register` ON `workplaces` (`organiser_id`,`name`,`municipality`,`org_number`);