-- Which write made a procedure's last change of status (broken, adopted, closed) and
-- which sent its reminder: a random token per request or scheduler run. The audit rows
-- and the mail of a change are written only where the token is the writer's own, so a
-- retry or a second run for the same minute (same clock reading) records nothing twice.
ALTER TABLE procedures ADD COLUMN transition_claim TEXT;
ALTER TABLE procedures ADD COLUMN reminder_claim TEXT;
