-- Sign-in links (invitations, password resets) no longer stay readable in the outbox.
-- body_text is what the outbox shows, with those links replaced by a note; full_text holds
-- the whole message only until the transport it was queued for sends it (then NULL), or in
-- local development (DEV_MAILBOX) for /api/dev/mail. It is never returned by the outbox API.
ALTER TABLE outbox ADD COLUMN full_text TEXT;

-- Mail already stored: remove the link line from invitation and reset messages.
UPDATE outbox
SET body_text =
  substr(body_text, 1, instr(body_text, char(10) || 'http'))
  || '[link removed: only the recipient receives it]'
  || substr(body_text, instr(body_text, char(10) || 'http') + instr(substr(body_text, instr(body_text, char(10) || 'http') + 1) || char(10), char(10)))
WHERE kind IN ('invitation', 'password_reset') AND instr(body_text, char(10) || 'http') > 0;

-- The sweep looks for mail still to send through one transport.
CREATE INDEX outbox_to_send ON outbox (transport, created_at) WHERE status = 'stored';
