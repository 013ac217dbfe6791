-- Sessions are looked up by the SHA-256 of the id in the cookie; existing sessions carry on.
UPDATE "sessions" SET "id" = encode(sha256(convert_to("id", 'UTF8')), 'hex');
