CREATE TABLE `course_types` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_types_organiser_code` ON `course_types` (`organiser_id`,`code`);--> statement-breakpoint
CREATE TABLE `goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`year` integer NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`basis` text NOT NULL,
	`course_types` text DEFAULT '[]' NOT NULL,
	`target` integer NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `goals_organiser_year` ON `goals` (`organiser_id`,`year`);--> statement-breakpoint
CREATE TABLE `person_merges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`into_key` text NOT NULL,
	`from_keys` text NOT NULL,
	`user_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_merges_organiser` ON `person_merges` (`organiser_id`);--> statement-breakpoint
CREATE TABLE `workplace_merges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organiser_id` integer NOT NULL,
	`into_id` integer NOT NULL,
	`from_ids` text NOT NULL,
	`user_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organiser_id`) REFERENCES `organisers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`into_id`) REFERENCES `workplaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workplace_merges_organiser` ON `workplace_merges` (`organiser_id`);--> statement-breakpoint
CREATE INDEX `registrations_organiser_email` ON `registrations` (`organiser_id`,`email_key`);--> statement-breakpoint
-- Data: every organiser gets the seven course types it had as constants (codes kept).
INSERT INTO `course_types` (`organiser_id`, `code`, `name`, `sort_order`)
SELECT o.id, t.code, t.name, t.sort_order FROM organisers o,
  (SELECT column1 AS code, column2 AS name, column3 AS sort_order FROM (VALUES ('forsakringsmedicin', 'Grundkurs i försäkringsmedicin och samordnad rehabilitering', 0), ('handledarutbildning', 'Handledarutbildning för öppna arbetsplatser', 1), ('fordjupning', 'Fördjupningshalvdag för handledare', 2), ('bip-skapa', 'Nätverksträff BIP/SKAPA', 3), ('sgi0', 'Nätverk SGI 0', 4), ('parterna-berattar', 'Parterna berättar', 5), ('temadag', 'Temadag, workshop och konferens', 6))) t;--> statement-breakpoint
-- Data: the per-course "counts toward the year's goals" setting becomes goals of the current
-- year that name the course types of those courses. No target was ever stored: the number of
-- planned occasions for an occasions goal, 0 (shown as "målvärde saknas") for the others.
INSERT INTO `goals` (`organiser_id`, `year`, `label`, `kind`, `basis`, `course_types`, `target`, `sort_order`)
SELECT c.organiser_id, CAST(strftime('%Y', 'now') AS integer),
  CASE g.value WHEN 'workplaces' THEN 'Arbetsplatser som deltagit' WHEN 'staff' THEN 'Medarbetare som deltagit' ELSE 'Genomförda tillfällen' END,
  g.value, 'attended', json_group_array(DISTINCT c.course_type),
  CASE g.value WHEN 'occasions' THEN (
    SELECT count(*) FROM occasions o JOIN courses c2 ON c2.id = o.course_id
    WHERE o.organiser_id = c.organiser_id AND o.status = 'published'
      AND strftime('%Y', o.starts_at / 1000, 'unixepoch') = strftime('%Y', 'now')
      AND c2.course_type IN (SELECT c3.course_type FROM courses c3, json_each(c3.goals) g3 WHERE c3.organiser_id = c.organiser_id AND g3.value = 'occasions')
  ) ELSE 0 END,
  CASE g.value WHEN 'workplaces' THEN 0 WHEN 'staff' THEN 1 ELSE 2 END
FROM courses c, json_each(c.goals) g
WHERE g.value IN ('workplaces', 'staff', 'occasions')
GROUP BY c.organiser_id, g.value;--> statement-breakpoint
ALTER TABLE `courses` DROP COLUMN `goals`;--> statement-breakpoint
ALTER TABLE `workplaces` DROP COLUMN `merged_into_id`;