-- A counter every write to the data behind the coverage report moves, from any connection (the server, scripts,
-- a restore): cached reports are valid only while it stands still (app/models/coverage-cache.server.ts).
CREATE TABLE `report_generation` (`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1), `n` integer NOT NULL);
--> statement-breakpoint
INSERT INTO `report_generation` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `report_generation_people_insert` AFTER INSERT ON `people` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_people_update` AFTER UPDATE ON `people` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_people_delete` AFTER DELETE ON `people` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_assignments_insert` AFTER INSERT ON `assignments` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_assignments_update` AFTER UPDATE ON `assignments` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_assignments_delete` AFTER DELETE ON `assignments` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_units_insert` AFTER INSERT ON `units` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_units_update` AFTER UPDATE ON `units` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_units_delete` AFTER DELETE ON `units` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_unit_versions_insert` AFTER INSERT ON `unit_versions` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_unit_versions_update` AFTER UPDATE ON `unit_versions` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_unit_versions_delete` AFTER DELETE ON `unit_versions` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_lineage_events_insert` AFTER INSERT ON `lineage_events` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_lineage_events_update` AFTER UPDATE ON `lineage_events` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_lineage_events_delete` AFTER DELETE ON `lineage_events` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_lineage_links_insert` AFTER INSERT ON `lineage_links` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_lineage_links_update` AFTER UPDATE ON `lineage_links` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_lineage_links_delete` AFTER DELETE ON `lineage_links` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_plans_insert` AFTER INSERT ON `plans` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_plans_update` AFTER UPDATE ON `plans` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_plans_delete` AFTER DELETE ON `plans` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_plan_requirements_insert` AFTER INSERT ON `plan_requirements` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_plan_requirements_update` AFTER UPDATE ON `plan_requirements` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_plan_requirements_delete` AFTER DELETE ON `plan_requirements` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_completions_insert` AFTER INSERT ON `completions` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_completions_update` AFTER UPDATE ON `completions` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_completions_delete` AFTER DELETE ON `completions` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_external_records_insert` AFTER INSERT ON `external_records` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_external_records_update` AFTER UPDATE ON `external_records` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_external_records_delete` AFTER DELETE ON `external_records` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_courses_insert` AFTER INSERT ON `courses` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_courses_update` AFTER UPDATE ON `courses` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_generation_courses_delete` AFTER DELETE ON `courses` BEGIN UPDATE `report_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
