-- History for the admin endpoints: 50,000 audit rows and 20,000 outbox
-- messages, spread over the seeded people, oldest first.
WITH RECURSIVE
  n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000),
  people AS (SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, seat_id FROM users),
  total AS (SELECT count(*) AS c FROM users)
INSERT INTO audit_log (at, actor_user_id, actor_seat_id, action, target_type, target_id, before_json, after_json, request_id)
SELECT
  strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (n.i * 60) || ' seconds'),
  p.id,
  p.seat_id,
  CASE n.i % 20 WHEN 0 THEN 'user.roles' WHEN 1 THEN 'user.profile' WHEN 2 THEN 'invitation.create'
    WHEN 3 THEN 'track.mandate' WHEN 4 THEN 'auth.logout' ELSE 'auth.login' END,
  CASE n.i % 20 WHEN 2 THEN 'invitation' WHEN 3 THEN 'track' ELSE 'user' END,
  p.id,
  CASE WHEN n.i % 20 < 4 THEN '{"seatRole":"delegate","officerRole":null,"name":"Before ' || n.i || '"}' END,
  CASE WHEN n.i % 20 < 4 THEN '{"seatRole":"head","officerRole":null,"name":"After ' || n.i || '"}' END,
  lower(hex(randomblob(8)))
FROM n JOIN total JOIN people p ON p.k = n.i % total.c
ORDER BY n.i;

WITH RECURSIVE
  n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000),
  people AS (SELECT row_number() OVER (ORDER BY id) - 1 AS k, email FROM users),
  total AS (SELECT count(*) AS c FROM users)
INSERT INTO outbox (id, to_address, subject, body_text, kind, transport, status, error, created_at)
SELECT
  lower(hex(randomblob(16))),
  p.email,
  CASE n.i % 3 WHEN 0 THEN 'Reset your Plenary password' ELSE 'You are invited to Plenary' END,
  'Hello,' || char(10) || char(10) || substr(replace(hex(zeroblob(200)), '00', 'Lorem ipsum '), 1, 600)
    || char(10) || 'https://plenary.example.org/accept/' || lower(hex(randomblob(16))),
  CASE n.i % 3 WHEN 0 THEN 'password_reset' ELSE 'invitation' END,
  'outbox',
  'stored',
  NULL,
  strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (n.i * 150) || ' seconds')
FROM n JOIN total JOIN people p ON p.k = n.i % total.c
ORDER BY n.i;
