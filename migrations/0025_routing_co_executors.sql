-- Co-executors in routing rules (issue 14, item 4; ADR 045): a rule names its main executor and
-- zero or more co-executor organisations; registering an appeal the rule routes assigns them too.
-- Organisations are never deleted (only deactivated), so a list of ids needs no foreign key; the
-- administrator's service checks each is an active organisation other than the main executor.
ALTER TABLE routing_rules ADD COLUMN co_executor_ids integer[] NOT NULL DEFAULT '{}';
ALTER TABLE address_routing_rules ADD COLUMN co_executor_ids integer[] NOT NULL DEFAULT '{}';
