-- Checkpoints carry a sequence within their attempt, so that an older checkpoint delivered late
-- never replaces a newer one. This is the stored checkpoint's sequence; a claim (a new attempt)
-- resets it to 0, while the checkpoint itself stays for the new attempt to resume from.
ALTER TABLE workflow_steps ADD COLUMN checkpoint_sequence bigint NOT NULL DEFAULT 0;
