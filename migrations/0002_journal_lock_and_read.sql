-- Takes the journal lock and then reads the head and the receipts already given for some
-- idempotency keys: one round trip for the intake's hot path. Each statement of a volatile
-- function takes a fresh snapshot, so the reads see everything committed before the lock was had.
CREATE FUNCTION journal_lock_and_read(lock_key bigint, idempotency_keys jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head jsonb;
  known jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  SELECT jsonb_build_object('seq', seq, 'hash', hash) INTO head FROM journal ORDER BY seq DESC LIMIT 1;
  SELECT jsonb_agg(jsonb_build_object(
      'scope', r.idempotency_scope,
      'key', r.idempotency_key,
      'fingerprint', r.request_fingerprint,
      'receipt', jsonb_build_object(
        'reportId', r.id, 'incidentId', r.incident_id, 'seq', r.journal_seq,
        'receivedAt', to_char(r.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))
    INTO known
    FROM reports r
    JOIN jsonb_to_recordset(idempotency_keys) AS k(scope text, key text)
      ON r.idempotency_scope = k.scope AND r.idempotency_key = k.key;
  RETURN jsonb_build_object('head', head, 'known', coalesce(known, '[]'::jsonb));
END;
$$;
